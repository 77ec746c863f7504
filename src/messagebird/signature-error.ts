/** The check a webhook signature failed, one stable name per check. */
export type SignatureFailure =
  | 'signature-missing'
  | 'malformed-token'
  | 'algorithm-not-allowed'
  | 'bad-signature'
  | 'wrong-issuer'
  | 'not-yet-valid'
  | 'expired'
  | 'jti-missing'
  | 'jti-replayed'
  | 'url-hash-mismatch'
  | 'payload-hash-missing'
  | 'payload-hash-unexpected'
  | 'payload-hash-mismatch';

/**
 * A webhook signature was refused. `reason` names the check that failed; the message says what it
 * means and what to look at. Neither ever contains the signing key.
 */
export class SignatureError extends Error {
  /** Stable code for programs: always `SIGNATURE_INVALID`. */
  readonly code = 'SIGNATURE_INVALID';
  override readonly name = 'SignatureError';

  constructor(
    /** Which check failed. */
    readonly reason: SignatureFailure,
    message: string,
  ) {
    super(`webhook signature refused (${reason}): ${message}`);
  }
}
