import { IDS } from '../../payloads/index.js';

/** The simulator's default access key, which the HTTP pacts carry as their example. */
export const SIM_ACCESS_KEY = 'test_simulator_access_key';

/** An access key no account has (the 401 interaction). */
export const WRONG_ACCESS_KEY = 'live_wrong_access_key_for_contracts';

/** Provider states the pacts name; the provider tests set each one up on the simulator. */
export const STATES = {
  contactInWindow: 'a contact inside its 24-hour window',
  approvedTemplate: 'an approved template',
  unknownAccessKey: 'an access key the account does not have',
  rateLimitExhausted: 'the rate limit is exhausted',
  serverError: 'MessageBird fails with 503',
  contactWrites: 'a contact writes to the channel',
  sentText: 'a contact inside its window was sent a text',
  sentTextWindowClosed: 'a contact whose window closed 25 hours ago was sent a text',
  sentInteractive: 'a contact was sent an interactive message',
  newContact: 'a number that never wrote to the channel',
} as const;

/** Parameters of the window state: the contact's number. */
export const WINDOW_PARAMS = { phone: IDS.phone };

/** The templates the template interactions need approved (as `approvedTemplate` parameters). */
export const TEMPLATES = {
  params: {
    name: 'shipping_update',
    language: 'en',
    namespace: '5ba2d0b7_f2c6_433b_a66e_57b009ceb6ff',
    content: 'Hi {{1}}, your order of {{2}} arrives on {{3}}.',
  },
  components: {
    name: 'order_ready_with_photo',
    language: 'en_US',
    namespace: '5ba2d0b7_f2c6_433b_a66e_57b009ceb6ff',
    content: 'Hi {{1}}, order {{2}} is ready for pick-up.',
  },
} as const;

/** The webhook messages of the message pact, by description (what `messageProviders` key on). */
export const MESSAGES = {
  text: 'message.created for an inbound text',
  image: 'message.created for an inbound image',
  file: 'message.created for an inbound file',
  location: 'message.created for an inbound location',
  buttonReply: 'message.created for a button reply',
  listReply: 'message.created for a list reply',
  delivered: 'message.updated for a sent message now delivered',
  read: 'message.updated for a sent message now read',
  failedOutsideWindow: 'message.updated for a sent message failed with 470 outside the window',
  conversationCreated: 'conversation.created for a contact writing for the first time',
} as const;
