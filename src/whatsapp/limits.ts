/**
 * WhatsApp's limits on what a business sends, in characters (JavaScript string length, UTF-16
 * code units: how WhatsApp counts an emoji is not confirmed) unless said otherwise. Each comes from
 * WhatsApp's documented limits (WhatsApp Business Platform, messages reference: the text, media and
 * interactive objects) or messagebird-facts.md where that file states it.
 */
export const WHATSAPP_LIMITS = {
  /** source: WhatsApp's documented limit, a text message's body is at most 4096 characters. */
  text: 4096,
  /** source: WhatsApp's documented limit, an image, video or document caption is at most 1024. */
  caption: 1024,
  /** source: WhatsApp's documented limit, an interactive message's `body.text` is at most 1024. */
  interactiveBody: 1024,
  /** source: WhatsApp's documented limit, an interactive message's text header is at most 60. */
  headerText: 60,
  /** source: WhatsApp's documented limit, an interactive message's footer is at most 60. */
  footer: 60,
  /** source: messagebird-facts.md and WhatsApp's documented limit, at most 3 reply buttons. */
  buttons: 3,
  /** source: messagebird-facts.md and WhatsApp's documented limit, a button title is at most 20. */
  buttonTitle: 20,
  /** source: WhatsApp's documented limit, a reply button's id is at most 256 characters. */
  buttonId: 256,
  /** source: WhatsApp's documented limit, the label of the button that opens a list is at most 20. */
  listButton: 20,
  /** source: WhatsApp's documented limit, a list has at most 10 sections. */
  listSections: 10,
  /** source: messagebird-facts.md and WhatsApp's documented limit, 10 rows in all sections together. */
  listRows: 10,
  /** source: WhatsApp's documented limit, a section title is at most 24 characters. */
  sectionTitle: 24,
  /** source: WhatsApp's documented limit, a list row's title is at most 24 characters. */
  rowTitle: 24,
  /** source: WhatsApp's documented limit, a list row's description is at most 72 characters. */
  rowDescription: 72,
  /** source: WhatsApp's documented limit, a list row's id is at most 200 characters. */
  rowId: 200,
} as const;

/** The name of one of WhatsApp's limits. */
export type WhatsAppLimit = keyof typeof WHATSAPP_LIMITS;
