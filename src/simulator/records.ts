import type { MessageStatus } from '../messagebird/message.js';

/** A contact as the simulator keeps it; times are virtual epoch milliseconds. */
export interface ContactRecord {
  id: string;
  /** E.164, `+31612345678`; rendered as the numeric msisdn `31612345678`. */
  phone: string;
  displayName: string;
  firstName: string;
  lastName: string;
  createdAt: number;
  updatedAt: number;
  /** Last inbound message per channel id: the start of each 24-hour window. */
  lastInboundAt: Record<string, number>;
}

/** A conversation as the simulator keeps it. */
export interface ConversationRecord {
  id: string;
  contactId: string;
  status: 'active' | 'archived';
  channelIds: string[];
  createdAt: number;
  updatedAt: number;
  lastReceivedAt: number;
  lastUsedChannelId: string;
  /** Insertion order, to break ties between equal times. */
  seq: number;
}

/** A status change planned for an outbound message, on the virtual clock. */
export interface PlannedStatus {
  status: MessageStatus;
  at: number;
  error?: { code: number; description: string };
}

/** A message as the simulator keeps it. */
export interface MessageRecord {
  id: string;
  conversationId: string;
  channelId: string;
  direction: 'received' | 'sent';
  status: MessageStatus;
  type: string;
  content: Record<string, unknown>;
  from: string;
  to: string;
  createdAt: number;
  updatedAt: number;
  seq: number;
  origin?: string;
  source?: Record<string, unknown>;
  tag?: string;
  trackId?: string;
  reportUrl?: string;
  fallback?: { id: string; from: string; after?: string };
  replyTo?: { id: string };
  metadata?: Record<string, unknown>;
  error?: { code: number; description: string };
  /** What a message sent through Bird's Channels API carried beside its content. */
  bird?: BirdMessageExtras;
  /** Status changes still to come. */
  plan: PlannedStatus[];
}

/**
 * The Bird request a message was sent with, kept so the Channels API answers it as it was sent
 * (the body or template, reference, meta and replyTo) while the engine keeps WhatsApp's content.
 */
export interface BirdMessageExtras {
  body?: Record<string, unknown>;
  template?: Record<string, unknown>;
  reference?: string;
  meta?: Record<string, unknown>;
  /** The Bird id of the message it answers. */
  replyTo?: string;
}

/** A Bird webhook subscription (`/organizations/{org}/workspaces/{ws}/webhook-subscriptions`). */
export interface BirdSubscriptionRecord {
  /** A dashed UUID. */
  id: string;
  organizationId: string;
  workspaceId: string;
  service: 'channels';
  event: string;
  url: string;
  /** What deliveries are signed with; none, and they are not signed. */
  signingKey?: string;
  eventFilters: { key: string; value: string }[];
  template?: string;
  status: 'active';
  createdAt: number;
  updatedAt: number;
  seq: number;
}

/** A webhook subscription. */
export interface WebhookRecord {
  id: string;
  channelId: string;
  url: string;
  events: string[];
  status: 'enabled' | 'disabled';
  settings: Record<string, unknown> | null;
  createdAt: number;
  updatedAt: number;
  seq: number;
}

/** A template's review state, as WhatsApp reports it. */
export type TemplateStatus = 'PENDING' | 'APPROVED' | 'REJECTED';

/** A message template. */
export interface TemplateRecord {
  name: string;
  language: string;
  category: 'MARKETING' | 'UTILITY' | 'AUTHENTICATION';
  content: string;
  namespace: string;
  status: TemplateStatus;
  /** Distinct `{{n}}` placeholders in `content`. */
  parameterCount: number;
  rejectedReason?: string;
  /** The Bird project the template belongs to (a dashed UUID), for Channels API sends. */
  projectId?: string;
  /** The Bird version id of the template (a dashed UUID); a send names it or `latest`. */
  versionId?: string;
  /** Bird's names of the placeholders `{{1}}`…`{{n}}`, in order: a send's parameter keys. */
  variables?: string[];
  createdAt: number;
  updatedAt: number;
}
