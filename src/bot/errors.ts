/** Why `npm start` could not start: a stable `code` and a message that says what to do. */
export class SampleStartError extends Error {
  constructor(
    /** `ENV_INCOMPLETE`, `ENV_INVALID`, `PORT_IN_USE` or `CREDENTIALS_REJECTED`. */
    readonly code: 'ENV_INCOMPLETE' | 'ENV_INVALID' | 'PORT_IN_USE' | 'CREDENTIALS_REJECTED',
    message: string,
  ) {
    super(message);
    this.name = 'SampleStartError';
  }
}
