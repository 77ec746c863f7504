import { INTERACTIVE_LIMITS } from '../../messagebird/interactive.js';

/**
 * WhatsApp's documented limits on what a business sends (WhatsApp Business Platform, messages
 * reference: text, media and interactive objects), in characters unless said otherwise. The ones
 * the wire schemas enforce come from `INTERACTIVE_LIMITS`.
 */
export const WHATSAPP_LIMITS = {
  /** WhatsApp's documented limit: a text message's body, 4096 characters. */
  text: 4096,
  /** WhatsApp's documented limit: an image, video or document caption, 1024 characters. */
  caption: 1024,
  /** WhatsApp's documented limit: an interactive message's `body.text`, 1024 characters. */
  interactiveBody: 1024,
  /** WhatsApp's documented limit: an interactive message's text header, 60 characters. */
  headerText: 60,
  /** WhatsApp's documented limit: an interactive message's footer, 60 characters. */
  footer: 60,
  /** WhatsApp's documented limit: reply buttons in one message. */
  buttons: INTERACTIVE_LIMITS.buttons,
  /** WhatsApp's documented limit: a reply button's title, 20 characters. */
  buttonTitle: INTERACTIVE_LIMITS.buttonTitle,
  /** WhatsApp's documented limit: a reply button's id, 256 characters. */
  buttonId: 256,
  /** WhatsApp's documented limit: the label of the button that opens a list, 20 characters. */
  listButton: 20,
  /** WhatsApp's documented limit: rows in a list, all sections together. */
  listRows: INTERACTIVE_LIMITS.listRows,
  /** WhatsApp's documented limit: a list row's title, 24 characters. */
  rowTitle: 24,
  /** WhatsApp's documented limit: a list row's description, 72 characters. */
  rowDescription: 72,
  /** WhatsApp's documented limit: a list row's id, 200 characters. */
  rowId: 200,
} as const;
