import type { TurnContext } from 'botbuilder';

/**
 * The adapter's `onTurnError` for the sample: logs the error's code and message (never keys, which
 * the adapter's errors do not carry) and, in a message turn, tells the user.
 *
 * @example
 * adapter.onTurnError = turnErrorHandler(console.error);
 */
export function turnErrorHandler(log: (line: string) => void) {
  return async (context: TurnContext, error: Error): Promise<void> => {
    const code = (error as { code?: unknown }).code;
    log(`[error] ${typeof code === 'string' ? `${code}: ` : ''}${error.message}`);
    if (context.activity.type !== 'message') return;
    try {
      await context.sendActivity('Sorry, something went wrong on my side. Please try again.');
    } catch {
      // The apology could not be sent either (the window may be closed); the log has the cause.
    }
  };
}
