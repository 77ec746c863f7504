import type { BirdBody } from '../bird/body.js';
import type { BirdTemplateSend } from '../bird/template.js';
import { WHATSAPP_LIMITS } from '../whatsapp/limits.js';
import type { Attachment, Entity, OutboundActivity } from './activity.js';
import { cardActionsView } from './cards/card-actions.js';
import { httpUrl, type RenderContext, textPart, viewParts } from './cards/card-view.js';
import { cardParts } from './cards/render-card.js';
import { joinBlocks } from './cards/whatsapp-format.js';
import { UnsupportedActivityError } from './errors.js';
import { toWhatsAppText } from './markdown.js';
import { mediaTypeOf } from './mime.js';
import { type OutboundPart, withMediaInfo } from './outbound-part.js';
import type { TemplateRegistry, TemplateSend } from './templates.js';

/** WhatsApp's longest text message. */
export const TEXT_LIMIT = WHATSAPP_LIMITS.text;
/** WhatsApp's longest list row title. */
export const LIST_ROW_TITLE_LIMIT = WHATSAPP_LIMITS.rowTitle;
/** The label of the button that opens a list, unless `channelData.listButton` says otherwise. */
export { DEFAULT_LIST_BUTTON } from './cards/card-view.js';
/** One MessageBird message an activity turns into. */
export type { OutboundPart } from './outbound-part.js';

/** What `channelData` of an outbound activity may carry. */
export interface OutboundChannelData {
  /** Send this approved template instead of the activity's text. */
  template?: TemplateSend;
  /** Send this MessageBird `{type, content}` as it is (validated by the API client). */
  messagebird?: OutboundPart;
  /**
   * With `api: 'bird'`: send this Bird `{body}` or `{template}` as it is (checked against Bird's
   * schema before the request).
   */
  bird?: { body: BirdBody } | { template: BirdTemplateSend };
  /** The label of the button that opens a list (at most 20 characters). */
  listButton?: string;
}

/** How `toMessageBird` translates; the adapter passes its options. */
export interface ToMessageBirdOptions {
  /** `render` (default): cards WhatsApp has no equal for are shown as it can; `strict` refuses them. */
  cards?: 'render' | 'strict';
}

/**
 * Turns a `message` activity into the MessageBird messages that show it, in order: media first,
 * then text (or the text as the caption of a single image, video or file when it fits WhatsApp's
 * 1024-character caption), locations, each card's messages (a carousel or list of cards is one
 * card after another), and the suggested actions' buttons or list last. With `cards: 'render'`
 * (the default) every Bot Framework card is shown as WhatsApp can (see `cardParts`) and
 * suggested `openUrl`-like actions become "Title: url" lines in the text; `strict` refuses what
 * has no WhatsApp equal. Anything WhatsApp cannot show throws an UnsupportedActivityError naming
 * the activity field. Pure: no I/O.
 */
export function toMessageBird(
  activity: OutboundActivity,
  templates?: TemplateRegistry,
  options: ToMessageBirdOptions = {},
): OutboundPart[] {
  const data = (activity.channelData ?? {}) as OutboundChannelData;
  if (data.messagebird) {
    if (typeof data.messagebird !== 'object' || typeof data.messagebird.type !== 'string') {
      throw new UnsupportedActivityError(
        'channelData.messagebird',
        'give a MessageBird message as {type, content}, such as {type: "text", content: {text: "Hi"}}',
      );
    }
    return [{ type: data.messagebird.type, content: data.messagebird.content }];
  }
  if (data.template) {
    if (!templates) {
      throw new UnsupportedActivityError(
        'channelData.template',
        'no templates are configured on the adapter',
      );
    }
    return [{ type: 'hsm', content: { hsm: templates.build(data.template).hsm } }];
  }

  const ctx: RenderContext = { strict: options.cards === 'strict', listButton: data.listButton };
  const text = textOf(activity);
  const media: OutboundPart[] = [];
  const cards: OutboundPart[] = [];
  (activity.attachments ?? []).forEach((attachment, i) => {
    const field = `attachments[${i}]`;
    const rendered = cardParts(attachment, field, ctx);
    if (rendered) cards.push(...rendered);
    else media.push(mediaPart(attachment, field));
  });
  const locations = (activity.entities ?? []).flatMap((e, i) => locationPart(e, `entities[${i}]`));
  const actions = activity.suggestedActions?.actions ?? [];

  const parts: OutboundPart[] = [...media];
  const single = media.length === 1 ? media[0] : undefined;
  if (text !== undefined && actions.length === 0) {
    if (
      single &&
      single.type !== 'audio' &&
      cards.length === 0 &&
      text.length <= WHATSAPP_LIMITS.caption
    ) {
      const key = single.type as 'image' | 'video' | 'file';
      const content = single.content as Record<string, { url: string; caption?: string }>;
      const medium = content[key] as { url: string; caption?: string };
      content[key] = { ...medium, caption: text };
    } else {
      parts.push({ type: 'text', content: { text } });
    }
  }
  parts.push(...locations, ...cards);
  if (actions.length > 0) {
    const field = 'suggestedActions.actions';
    const { replies, links } = cardActionsView(actions, field, ctx.strict);
    if (replies.length === 0) {
      // Render mode, links only: the text and the links as one text message.
      parts.push(textPart(joinBlocks([text, links.join('\n')]), 'text'));
    } else {
      if (text === undefined) {
        throw new UnsupportedActivityError(
          'text',
          'suggested actions need text to show above the buttons: set activity.text',
        );
      }
      const view = { field: 'suggestedActions', bodyField: 'text', actionsField: field };
      parts.push(...viewParts({ ...view, body: text, links, replies }, ctx));
    }
  }
  if (parts.length === 0) {
    throw new UnsupportedActivityError(
      'text',
      'the activity has nothing WhatsApp can show: set text, attachments, suggestedActions or a GeoCoordinates entity',
    );
  }
  return parts;
}

/** True when every part is a template, which WhatsApp allows outside the 24-hour window. */
export function isTemplateOnly(parts: readonly OutboundPart[]): boolean {
  return parts.every((p) => p.type === 'hsm');
}

function textOf(activity: OutboundActivity): string | undefined {
  const raw = activity.text;
  if (raw === undefined || raw === null || raw.trim() === '') return undefined;
  const text =
    activity.textFormat === 'plain' || activity.textFormat === 'xml' ? raw : toWhatsAppText(raw);
  if (text.length > TEXT_LIMIT) {
    throw new UnsupportedActivityError(
      'text',
      `WhatsApp texts are at most ${TEXT_LIMIT} characters; this one has ${text.length}: split it into several activities`,
    );
  }
  return text;
}

function mediaPart(attachment: Attachment, field: string): OutboundPart {
  const contentType = attachment.contentType ?? '';
  if (
    !/^[a-z]+\/[\w.+-]+$/i.test(contentType) ||
    contentType.startsWith('application/vnd.microsoft.')
  ) {
    throw new UnsupportedActivityError(
      `${field}.contentType`,
      `WhatsApp cannot show "${contentType}": send media (image/*, video/*, audio/*, documents) by URL, or a hero card`,
    );
  }
  const url = httpUrl(attachment.contentUrl, `${field}.contentUrl`);
  const type = mediaTypeOf(contentType);
  const medium: { url: string; caption?: string } = { url };
  if (type === 'file' && attachment.name) medium.caption = attachment.name;
  const part: OutboundPart = { type, content: { [type]: medium } as OutboundPart['content'] };
  return withMediaInfo(part, { contentType, filename: attachment.name || undefined });
}

function locationPart(entity: Entity, field: string): OutboundPart[] {
  const geo =
    entity.type === 'GeoCoordinates'
      ? entity
      : entity.type === 'Place' && entity.geo && typeof entity.geo === 'object'
        ? (entity.geo as Record<string, unknown>)
        : undefined;
  if (!geo) return [];
  const { latitude, longitude } = geo as { latitude?: unknown; longitude?: unknown };
  if (
    typeof latitude !== 'number' ||
    typeof longitude !== 'number' ||
    Math.abs(latitude) > 90 ||
    Math.abs(longitude) > 180
  ) {
    throw new UnsupportedActivityError(
      `${field}`,
      'a location needs numeric latitude (-90…90) and longitude (-180…180)',
    );
  }
  return [{ type: 'location', content: { location: { latitude, longitude } } }];
}
