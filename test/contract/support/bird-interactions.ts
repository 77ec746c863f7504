import { BIRD_IDS } from '../../payloads/index.js';

/**
 * Provider states the Bird pacts name; the Bird provider tests set each one up on the simulator's
 * Bird face.
 */
export const BIRD_STATES = {
  contactInWindow: 'a contact inside its 24-hour window on the Bird channel',
  approvedTemplate: 'an approved template in a Bird project',
  sentWithReference: 'a message was sent to the contact with a reference',
  channelExists: 'the WhatsApp channel exists in the Bird workspace',
  noSuchChannel: 'the Bird workspace has no channel with that id',
  unknownAccessKey: 'an access key the Bird workspace does not have',
  rateLimitExhausted: 'the Bird rate limit is exhausted',
  serverError: 'Bird fails with 503',
  contactWrites: 'a contact writes to the Bird channel',
  sentButtons: 'a contact was sent postback buttons through Bird',
  sentText: 'a contact inside its window was sent a text through Bird',
  sentTextWindowClosed: 'a contact whose window closed 25 hours ago was sent a text through Bird',
} as const;

/** Parameters of the window state: the contact's number. */
export const BIRD_WINDOW_PARAMS = { phone: BIRD_IDS.phone };

/** A reference the adapter put on a send whose answer was lost (the reconciliation interaction). */
export const LOST_SEND_REFERENCE = '6e0c2a4b-8d1f-4a3c-9e5b-7f1d3b5a9c0e';

/** A channel id the workspace does not have (the 404 of the credentials check). */
export const UNKNOWN_CHANNEL_ID = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

/**
 * The Bird template the template interaction needs approved: the adapter's definition (name,
 * project, variables) and the text the simulator fills, as `approvedTemplate` parameters.
 */
export const BIRD_TEMPLATE = {
  name: 'order_update',
  language: 'en',
  projectId: BIRD_IDS.projectId,
  variables: ['name', 'order'],
  content: 'Hi {{1}}, your order {{2}} is on its way.',
} as const;

/** The webhooks of the Bird message pact, by description (what `messageProviders` key on). */
export const BIRD_MESSAGES = {
  text: 'whatsapp.inbound for a text',
  buttonTap: 'whatsapp.inbound for a tap on a postback button',
  image: 'whatsapp.inbound for an image with a caption',
  document: 'whatsapp.inbound for a document',
  voiceNote: 'whatsapp.inbound for a voice note',
  location: 'whatsapp.inbound for a location',
  delivered: 'whatsapp.outbound for a sent message now delivered',
  read: 'whatsapp.outbound for a sent message now read',
  failedOutsideWindow:
    'whatsapp.outbound for a sent message failed with sending_failed outside the window',
} as const;
