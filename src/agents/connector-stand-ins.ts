import { NotSupportedError } from '../core/errors.js';

/** What to do on WhatsApp instead of a Bot Connector or token service call, by method name. */
export const CONNECTOR_ADVICE: Readonly<Record<string, string>> = {
  uploadAttachment:
    'WhatsApp has no attachment store: host the file at a public https URL and send it as the attachment’s contentUrl',
  getAttachment: 'read the attachment from its contentUrl (MessageBird’s media URL)',
  getAttachmentInfo: 'read the attachment from its contentUrl (MessageBird’s media URL)',
  getConversationMember:
    'a WhatsApp conversation has one contact: read context.activity.from (id is the E.164 number, name the display name)',
  getConversationMembers:
    'a WhatsApp conversation has one contact: read context.activity.from (id is the E.164 number, name the display name)',
  getConversations:
    'MessageBird’s conversations are not listed through the Bot Connector: keep the references of your turns (context.activity.getConversationReference())',
  sendToConversation:
    'send with context.sendActivity, or in a proactive turn from adapter.continueConversation',
  replyToActivity:
    'send with context.sendActivity, or in a proactive turn from adapter.continueConversation',
  createConversation:
    'open a conversation with adapter.createConversationAsync and an approved template (WhatsApp lets a business write first only with one)',
  updateActivity: 'WhatsApp cannot edit a message once sent; send a new message instead',
  deleteActivity: 'WhatsApp cannot delete a message once sent; send a new message instead',
  getUserToken:
    'WhatsApp has no token service, so OAuth sign-in cannot complete: send a sign-in link and handle the sign-in on your own site',
  getSignInResource:
    'WhatsApp has no token service, so OAuth sign-in cannot complete: send a sign-in link and handle the sign-in on your own site',
  getTokenOrSignInResource:
    'WhatsApp has no token service, so OAuth sign-in cannot complete: send a sign-in link and handle the sign-in on your own site',
  exchangeTokenAsync: 'WhatsApp has no token service: handle the sign-in on your own site',
  signOut: 'WhatsApp has no token service: handle the sign-in on your own site',
  getTokenStatus: 'WhatsApp has no token service: handle the sign-in on your own site',
  getAadTokens: 'WhatsApp has no token service: handle the sign-in on your own site',
};

/** The advice when a call has no entry of its own. */
export const CONNECTOR_GENERIC =
  'the Bot Connector service (Azure Bot Service) does not exist on WhatsApp through MessageBird';

/**
 * An object whose every method rejects with a NotSupportedError naming `path.method` and saying
 * what to do instead: put in `context.turnState` where CloudAdapter puts its connector client and
 * user token client, so an agent that reaches for them learns why, not a TypeError on undefined.
 */
export function refusing(path: string): object {
  return new Proxy(
    {},
    {
      get(_target, property) {
        if (typeof property !== 'string' || property === 'then') return undefined;
        const operation = `${path}.${property}`;
        return async () => {
          throw new NotSupportedError(operation, CONNECTOR_ADVICE[property] ?? CONNECTOR_GENERIC);
        };
      },
    },
  );
}
