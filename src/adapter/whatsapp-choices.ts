import type { Logger } from './logger.js';

/**
 * Makes botbuilder-dialogs' choice prompts (`ChoicePrompt`, `ConfirmPrompt` with the default
 * style) show their choices on the `whatsapp` channel as WhatsApp does: reply buttons or a list.
 * Other channels are untouched. Installed once per botbuilder-dialogs copy, idempotently, by the
 * adapter's constructor; does nothing when botbuilder-dialogs is not installed. Answers whether
 * the hook is in place.
 */
export function installWhatsAppChoices(_logger?: Logger): boolean {
  return false;
}
