/**
 * The Activity protocol as the core reads and writes it: plain structural types, free of any bot
 * SDK. botbuilder's `Partial<Activity>` and the Agents SDK's `Activity` both fit what the core
 * reads (`Activity`), and what the core makes (`Activity` from `toActivity`) fits both SDKs' types,
 * so each front passes activities through without converting field by field.
 */

/** A party of a conversation: the contact or the channel (the bot). */
export interface ChannelAccount {
  /** The contact's E.164 number, or the channel id. */
  id: string;
  /** The display name. */
  name: string;
  /** `user` or `bot`. */
  role?: string;
}

/** The conversation an activity belongs to. */
export interface ConversationAccount {
  /** MessageBird's conversation id. */
  id: string;
  /** The contact's display name. */
  name: string;
  /** Always false: WhatsApp conversations through MessageBird are one to one. */
  isGroup: boolean;
  /** Always `personal`. */
  conversationType: string;
}

/** A file, a medium or a card. */
export interface Attachment {
  /** A MIME type, or a card's content type such as `application/vnd.microsoft.card.hero`. */
  contentType: string;
  /** Where the file is. */
  contentUrl?: string;
  /** A card's content. */
  content?: unknown;
  /** A file name. */
  name?: string;
  /** A thumbnail's URL. */
  thumbnailUrl?: string;
}

/** A button of a card or of suggested actions. */
export interface CardAction {
  /** `imBack`, `postBack`, `messageBack`, `openUrl`… */
  type: string;
  /** The label. */
  title?: string;
  /** What the button sends or opens. */
  value?: unknown;
  /** `messageBack`'s text. */
  text?: string;
  /** `messageBack`'s text to show. */
  displayText?: string;
  /** An icon. */
  image?: string;
}

/** An entity, such as `GeoCoordinates` or `Place`. */
export interface Entity {
  type: string;
  [key: string]: unknown;
}

/**
 * An activity, each field optional, typed as the core reads and writes it. An activity the core
 * makes has `type`, `id`, `timestamp`, `channelId`, `serviceUrl`, `conversation`, `from`,
 * `recipient` and `channelData` set.
 */
export interface Activity {
  type?: string;
  id?: string;
  timestamp?: Date;
  channelId?: string;
  serviceUrl?: string;
  conversation?: ConversationAccount;
  from?: ChannelAccount;
  recipient?: ChannelAccount;
  membersAdded?: ChannelAccount[];
  replyToId?: string;
  name?: string;
  text?: string;
  textFormat?: string;
  attachments?: Attachment[];
  entities?: Entity[];
  value?: unknown;
  channelData?: unknown;
}

/** What the core reads of an outbound activity: the fields it needs, typed loosely enough for any SDK. */
export interface OutboundActivity {
  type?: string;
  text?: string;
  textFormat?: string;
  attachments?: Attachment[];
  entities?: Entity[];
  suggestedActions?: { actions: CardAction[] };
  value?: unknown;
  channelData?: unknown;
  /** The contact to send to; the turn's contact when absent. */
  recipient?: { id?: string };
  /** The conversation, for the lookup of a send whose answer was lost. */
  conversation?: { id?: string };
}
