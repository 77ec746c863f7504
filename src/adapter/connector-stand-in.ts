import { NotSupportedError } from '../core/errors.js';

/**
 * What to do instead of a Bot Connector call, by method name. WhatsApp through MessageBird has no
 * attachment store, no member list beyond the one contact, no token service: bots written for
 * CloudAdapter reach for these through `context.turnState`, and get this advice.
 */
const ADVICE: Record<string, string> = {
  uploadAttachment:
    'WhatsApp has no attachment store: host the file at a public https URL and send it as the attachment’s contentUrl',
  getAttachment: 'read the attachment from its contentUrl (MessageBird’s media URL)',
  getAttachmentInfo: 'read the attachment from its contentUrl (MessageBird’s media URL)',
  getConversationMembers:
    'a WhatsApp conversation has one contact: read context.activity.from (id is the E.164 number, name the display name)',
  getConversationPagedMembers:
    'a WhatsApp conversation has one contact: read context.activity.from (id is the E.164 number, name the display name)',
  getConversationMember:
    'a WhatsApp conversation has one contact: read context.activity.from (id is the E.164 number, name the display name)',
  getActivityMembers:
    'a WhatsApp conversation has one contact: read context.activity.from (id is the E.164 number, name the display name)',
  deleteConversationMember: 'a WhatsApp conversation has one contact and cannot lose it',
  sendToConversation:
    'send with context.sendActivity, or in a proactive turn from adapter.continueConversationAsync',
  replyToActivity:
    'send with context.sendActivity, or in a proactive turn from adapter.continueConversationAsync',
  createConversation:
    'open a conversation with adapter.createConversationAsync and an approved template (WhatsApp lets a business write first only with one)',
  updateActivity: 'WhatsApp cannot edit a message once sent; send a new message instead',
  deleteActivity: 'WhatsApp cannot delete a message once sent; send a new message instead',
  getUserToken:
    'WhatsApp has no token service, so OAuthPrompt cannot complete: send a sign-in link and handle the sign-in on your own site',
  getSignInResource:
    'WhatsApp has no token service, so OAuthPrompt cannot complete: send a sign-in link and handle the sign-in on your own site',
  exchangeToken: 'WhatsApp has no token service: handle the sign-in on your own site',
  signOutUser: 'WhatsApp has no token service: handle the sign-in on your own site',
  getTokenStatus: 'WhatsApp has no token service: handle the sign-in on your own site',
  getAadTokens: 'WhatsApp has no token service: handle the sign-in on your own site',
};

const GENERIC = 'the Bot Connector service does not exist on WhatsApp through MessageBird';

/** An object whose every method rejects with a NotSupportedError naming `path.method`. */
function refusing(path: string): object {
  return new Proxy(
    {},
    {
      get(_target, property) {
        if (typeof property !== 'string' || property === 'then') return undefined;
        const operation = `${path}.${property}`;
        return async () => {
          throw new NotSupportedError(operation, ADVICE[property] ?? GENERIC);
        };
      },
    },
  );
}

/**
 * Stand-ins for what CloudAdapter puts in `context.turnState`: a connector client
 * (`ConnectorClientKey`), a connector factory (`ConnectorFactoryKey`, whose `create()` answers
 * that client) and a user token client (`UserTokenClientKey`). Their calls reject with a
 * NotSupportedError that says what to do on WhatsApp, instead of a TypeError on `undefined`.
 */
export function connectorStandIns(): {
  connector: object;
  factory: { create(): Promise<object> };
  userTokenClient: object;
} {
  const connector = {
    conversations: refusing('connector.conversations'),
    attachments: refusing('connector.attachments'),
  };
  return {
    connector,
    factory: { create: async () => connector },
    userTokenClient: refusing('userTokenClient'),
  };
}
