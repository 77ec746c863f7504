import * as v from 'valibot';
import { isE164 } from '../whatsapp/phone.js';
import { BirdBody } from './body.js';
import { NonEmpty } from './common.js';
import { BirdTemplateSend } from './template.js';

/** The identifier key of a WhatsApp contact's phone number. */
export const BIRD_PHONE_IDENTIFIER_KEY = 'phonenumber';

/**
 * A contact addressed by identifier: `{identifierKey?, identifierValue}`. Source:
 * programmable-whatsapp/sending-whatsapp-messages; the message-type pages leave `identifierKey`
 * out. With key `phonenumber` or none, the value must be E.164 with `+`.
 */
export const BirdContactIdentifier = v.pipe(
  v.looseObject({
    identifierKey: v.optional(NonEmpty),
    identifierValue: NonEmpty,
  }),
  v.forward(
    v.check(
      (c) =>
        (c.identifierKey !== undefined && c.identifierKey !== BIRD_PHONE_IDENTIFIER_KEY) ||
        isE164(c.identifierValue),
      'expected a phone number in E.164 form, such as +31612345678',
    ),
    ['identifierValue'],
  ),
);

/** A contact addressed by Bird's contact id: `{id}`. Source: the messaging reference. */
export const BirdContactById = v.looseObject({ id: NonEmpty });

/** One receiver: by identifier (a phone number) or by contact id. */
export const BirdReceiverContact = v.union(
  [BirdContactIdentifier, BirdContactById],
  'expected a contact: {identifierKey: "phonenumber", identifierValue: "+31612345678"} or {id}',
);

/** `replyTo`: the id of a received message, `type: 'message'`. Source: sending-whatsapp-messages. */
export const BirdReplyTo = v.looseObject({
  id: NonEmpty,
  type: v.literal('message', 'expected type "message"'),
});

/**
 * `POST /workspaces/{ws}/channels/{ch}/messages`: the receiver and exactly one of `body` and
 * `template`; `replyTo`, `reference` (our own id, echoed back) and `meta` optional.
 *
 * @example
 * v.parse(BirdSendRequest, {
 *   receiver: { contacts: [{ identifierKey: 'phonenumber', identifierValue: '+31612345678' }] },
 *   body: { type: 'text', text: { text: 'Hello' } },
 * });
 */
export const BirdSendRequest = v.pipe(
  v.looseObject({
    receiver: v.looseObject({
      contacts: v.pipe(
        v.array(BirdReceiverContact, 'expected receiver.contacts as a list'),
        v.minLength(1, 'give at least one contact'),
      ),
    }),
    body: v.optional(BirdBody),
    template: v.optional(BirdTemplateSend),
    replyTo: v.optional(BirdReplyTo),
    reference: v.optional(v.string()),
    meta: v.optional(v.record(v.string(), v.unknown())),
  }),
  v.check(
    (r) => (r.body === undefined) !== (r.template === undefined),
    'give exactly one of body and template',
  ),
);

/** A contact by identifier. */
export type BirdContactIdentifier = v.InferOutput<typeof BirdContactIdentifier>;
/** A contact by id. */
export type BirdContactById = v.InferOutput<typeof BirdContactById>;
/** One receiver. */
export type BirdReceiverContact = v.InferOutput<typeof BirdReceiverContact>;
/** A reply-to reference. */
export type BirdReplyTo = v.InferOutput<typeof BirdReplyTo>;
/** A send body. */
export type BirdSendRequest = v.InferOutput<typeof BirdSendRequest>;
