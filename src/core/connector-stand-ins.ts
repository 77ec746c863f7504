import { NotSupportedError } from './errors.js';

const ONE_CONTACT =
  'a WhatsApp conversation has one contact: read context.activity.from (id is the E.164 number, name the display name)';
const FROM_URL = 'read the attachment from its contentUrl (MessageBird’s media URL)';
const NO_TOKENS =
  'WhatsApp has no token service, so OAuth sign-in cannot complete: send a sign-in link and handle the sign-in on your own site';
const OWN_SITE = 'WhatsApp has no token service: handle the sign-in on your own site';

/**
 * What to do on WhatsApp instead of a Bot Connector or token service call, by method name. There
 * is no attachment store, no member list beyond the one contact and no token service; bots written
 * for CloudAdapter (botbuilder or the Agents SDK) reach for these through `context.turnState`.
 * `proactive` is the front's proactive method (`continueConversationAsync` or
 * `continueConversation`).
 */
export function connectorAdvice(proactive: string) {
  const send = `send with context.sendActivity, or in a proactive turn from adapter.${proactive}`;
  return {
    uploadAttachment:
      'WhatsApp has no attachment store: host the file at a public https URL and send it as the attachment’s contentUrl',
    getAttachment: FROM_URL,
    getAttachmentInfo: FROM_URL,
    getConversationMember: ONE_CONTACT,
    getConversationMembers: ONE_CONTACT,
    getConversationPagedMembers: ONE_CONTACT,
    getActivityMembers: ONE_CONTACT,
    deleteConversationMember: 'a WhatsApp conversation has one contact and cannot lose it',
    getConversations:
      'MessageBird’s conversations are not listed through the Bot Connector: keep the references of your turns',
    sendToConversation: send,
    replyToActivity: send,
    createConversation:
      'open a conversation with adapter.createConversationAsync and an approved template (WhatsApp lets a business write first only with one)',
    updateActivity: 'WhatsApp cannot edit a message once sent; send a new message instead',
    deleteActivity: 'WhatsApp cannot delete a message once sent; send a new message instead',
    getUserToken: NO_TOKENS,
    getSignInResource: NO_TOKENS,
    getTokenOrSignInResource: NO_TOKENS,
    exchangeToken: OWN_SITE,
    exchangeTokenAsync: OWN_SITE,
    signOut: OWN_SITE,
    signOutUser: OWN_SITE,
    getTokenStatus: OWN_SITE,
    getAadTokens: OWN_SITE,
  };
}

/** The advice when a call has no entry of its own. */
export const CONNECTOR_GENERIC =
  'the Bot Connector service (Azure Bot Service) does not exist on WhatsApp through MessageBird';

/**
 * An object whose every method rejects with a NotSupportedError naming `path.method` and what to
 * do instead (`advice` from `connectorAdvice`): a stand-in for an SDK's connector or token client.
 */
export function refusing(path: string, advice: Readonly<Record<string, string>>): object {
  return new Proxy(
    {},
    {
      get(_target, property) {
        if (typeof property !== 'string' || property === 'then') return undefined;
        const operation = `${path}.${property}`;
        return async () => {
          throw new NotSupportedError(
            operation,
            Object.hasOwn(advice, property) ? advice[property] : CONNECTOR_GENERIC,
          );
        };
      },
    },
  );
}

/**
 * Stand-ins, in botbuilder's shapes, for what its CloudAdapter puts in `context.turnState`: a
 * connector client (`conversations`, `attachments`), a connector factory (whose `create()` answers
 * that client) and a user token client. Their calls reject with a NotSupportedError that says what
 * to do on WhatsApp, instead of a TypeError on `undefined`.
 */
export function connectorStandIns(proactive: string): {
  connector: object;
  factory: { create(): Promise<object> };
  userTokenClient: object;
} {
  const advice = connectorAdvice(proactive);
  const connector = {
    conversations: refusing('connector.conversations', advice),
    attachments: refusing('connector.attachments', advice),
  };
  return {
    connector,
    factory: { create: async () => connector },
    userTokenClient: refusing('userTokenClient', advice),
  };
}
