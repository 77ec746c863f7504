import { UnsupportedActivityError } from '../errors.js';
import { toWhatsAppText } from '../markdown.js';
import type { OutboundPart } from '../outbound-part.js';
import { linkLine, type Reply } from './card-actions.js';
import { type CardView, httpUrl, mediaPart, type RenderContext, viewParts } from './card-view.js';
import { replyIdOf } from './reply-data.js';
import { bold, joinBlocks, mark } from './whatsapp-format.js';

/** The adaptive card's content type. */
export const ADAPTIVE_CARD_TYPE = 'application/vnd.microsoft.card.adaptive';

type Json = Record<string, unknown>;

/** What a walk over a card collects beside its text lines. */
interface Walk {
  images: { url: unknown; field: string }[];
  links: string[];
  replies: Reply[];
  shown: { card: unknown; field: string; title: unknown }[];
}

/** Spacings that read as a paragraph break: a blank line before the element. */
const WIDE_SPACING = new Set(['medium', 'large', 'extraLarge', 'padding']);

/** Between the texts of columns (or table cells) that are one line each. */
const COLUMN_SEPARATOR = ' · ';

/**
 * The first input element (`Input.Text`, `Input.ChoiceSet`, …) anywhere in an adaptive card,
 * including Action.ShowCard cards and fallbacks, as its field (such as
 * `attachments[0].content.body[3]`) and type; undefined when there is none.
 */
export function findAdaptiveInput(
  node: unknown,
  path: string,
): { field: string; type: string } | undefined {
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      const hit = findAdaptiveInput(node[i], `${path}[${i}]`);
      if (hit) return hit;
    }
    return undefined;
  }
  if (!isObject(node)) return undefined;
  if (typeof node.type === 'string' && node.type.startsWith('Input.')) {
    return { field: path, type: node.type };
  }
  for (const [key, value] of Object.entries(node)) {
    // An action's data is the bot's own, not card elements.
    if (key === 'data' || typeof value !== 'object' || value === null) continue;
    const hit = findAdaptiveInput(value, `${path}.${key}`);
    if (hit) return hit;
  }
  return undefined;
}

/** The error for an input element, which WhatsApp cannot show. */
export function adaptiveInputError(input: {
  field: string;
  type: string;
}): UnsupportedActivityError {
  return new UnsupportedActivityError(
    input.field,
    `an ${input.type} cannot be shown on WhatsApp, which has no form fields: ask for the value with a prompt (TextPrompt, NumberPrompt, DateTimePrompt, ChoicePrompt) or offer the choices as Action.Submit buttons`,
  );
}

/**
 * An adaptive card (1.x) as WhatsApp messages, in reading order:
 *
 * - `TextBlock`: its text (markdown made WhatsApp's; `{{DATE(…)}}`/`{{TIME(…)}}` as the
 *   ISO date `2026-03-02` / time `09:30` written in it), bold when `weight: "bolder"`,
 *   `size: "large"|"extraLarge"` or `style: "heading"`. `isSubtle`, `color` and alignment are
 *   not shown.
 * - `RichTextBlock`: its `TextRun`s with bold, italic, strikethrough and monospace; a run with an
 *   `Action.OpenUrl` selectAction as "text (url)".
 * - `FactSet`: "*Title*: value" lines.
 * - `Image` and `ImageSet`: the first image not of `size: "small"` (small ones are icons) is the
 *   picture: the buttons' image header, or an image message with the text as its caption. Further
 *   such images follow the card as image messages of their own. Images must have http(s) URLs.
 * - `Container`, `Column`, `ColumnSet`, `Table`: their elements in reading order; columns (or
 *   cells of a row) that hold one line each are joined on one line with " · ".
 * - `Media`: a "altText: url" line with its first source.
 * - `separator: true` or a `spacing` of medium or more: a blank line before the element.
 * - `isVisible: false` elements are left out, as the card first appears.
 * - `ActionSet` and the card's `actions`: `Action.Submit` and `Action.Execute` are reply buttons
 *   (or list rows) titled with the action's title; their `data` comes back as the activity's
 *   `value` (see `replyIdOf`; without data the id is the title). `Action.OpenUrl` is a
 *   "Title: url" line below the text. `Action.ShowCard`'s card is sent after the card as a
 *   message of its own, headed by the action's title in bold. `Action.ToggleVisibility` is left
 *   out (nothing can be toggled). `selectAction` of containers and images is not shown.
 * - Input elements (`Input.*`) cannot be shown: an UnsupportedActivityError naming the element.
 * - An unknown element or action: its `fallback` when it is one, nothing when it is "drop" or
 *   absent (an unknown element's `text` is kept as a TextBlock).
 */
export function adaptiveCardParts(
  content: unknown,
  field: string,
  ctx: RenderContext,
): OutboundPart[] {
  const path = `${field}.content`;
  const card = parseCard(content, path);
  const input = findAdaptiveInput(card, path);
  if (input) throw adaptiveInputError(input);
  return cardParts(card, path, ctx, undefined);
}

function parseCard(content: unknown, path: string): Json {
  let card = content;
  if (typeof card === 'string') {
    try {
      card = JSON.parse(card);
    } catch {
      // Refused below.
    }
  }
  if (!isObject(card) || (card.type !== undefined && card.type !== 'AdaptiveCard')) {
    throw new UnsupportedActivityError(
      path,
      'give the adaptive card as its JSON object: { type: "AdaptiveCard", version: "1.5", body: [...], actions: [...] }',
    );
  }
  return card;
}

function cardParts(
  card: Json,
  path: string,
  ctx: RenderContext,
  heading: string | undefined,
): OutboundPart[] {
  const walk: Walk = { images: [], links: [], replies: [], shown: [] };
  const lines = elements(card.body, `${path}.body`, walk);
  actions(card.actions, `${path}.actions`, walk);
  const [picture, ...more] = walk.images.map((image) => httpUrl(image.url, image.field));
  const view: CardView = {
    field: path,
    bodyField: `${path}.body`,
    actionsField: `${path}.actions`,
    title: heading,
    media: picture ? { type: 'image', url: picture } : undefined,
    body: joinBlocks([heading && bold(heading), lines.join('\n')]),
    links: walk.links,
    replies: walk.replies,
  };
  const empty = !view.media && !view.body && view.links.length === 0 && view.replies.length === 0;
  const parts = empty && walk.shown.length > 0 ? [] : viewParts(view, ctx);
  for (const url of more) parts.push(mediaPart({ type: 'image', url }));
  for (const shown of walk.shown) {
    if (!isObject(shown.card)) {
      throw new UnsupportedActivityError(shown.field, 'Action.ShowCard needs its card');
    }
    const title = typeof shown.title === 'string' && shown.title.trim() ? shown.title : undefined;
    parts.push(...cardParts(shown.card, shown.field, ctx, title));
  }
  return parts;
}

function elements(list: unknown, path: string, walk: Walk): string[] {
  const out: string[] = [];
  asArray(list).forEach((el, i) => {
    const lines = element(el, `${path}[${i}]`, walk);
    if (lines.length === 0) return;
    if (out.length > 0 && isObject(el) && spaced(el)) out.push('');
    out.push(...lines);
  });
  return out;
}

function spaced(el: Json): boolean {
  return el.separator === true || (typeof el.spacing === 'string' && WIDE_SPACING.has(el.spacing));
}

function element(el: unknown, path: string, walk: Walk): string[] {
  if (!isObject(el) || el.isVisible === false) return [];
  const type = el.type;
  if (typeof type === 'string' && type.startsWith('Input.')) {
    throw adaptiveInputError({ field: path, type });
  }
  switch (type) {
    case 'TextBlock':
      return textBlock(el);
    case 'RichTextBlock':
      return richTextBlock(el);
    case 'FactSet':
      return factSet(el);
    case 'Image':
      image(el, path, walk);
      return [];
    case 'ImageSet':
      asArray(el.images).forEach((img, j) => {
        // The set's imageSize is every image's size.
        if (isObject(img))
          image({ ...img, size: el.imageSize ?? 'medium' }, `${path}.images[${j}]`, walk);
      });
      return [];
    case 'Container':
    case 'Column':
      return elements(el.items, `${path}.items`, walk);
    case 'ColumnSet':
      return oneLineEach(
        asArray(el.columns).map((column, j) =>
          isObject(column) && column.isVisible !== false
            ? elements(column.items, `${path}.columns[${j}].items`, walk)
            : [],
        ),
      );
    case 'Table':
      return asArray(el.rows).flatMap((row, r) =>
        isObject(row)
          ? oneLineEach(
              asArray(row.cells).map((cell, c) =>
                isObject(cell)
                  ? elements(cell.items, `${path}.rows[${r}].cells[${c}].items`, walk)
                  : [],
              ),
            )
          : [],
      );
    case 'ActionSet':
      actions(el.actions, `${path}.actions`, walk);
      return [];
    case 'Media': {
      const source = asArray(el.sources).find(isObject);
      return typeof source?.url === 'string' ? [linkLine(el.altText, source.url)] : [];
    }
    default:
      if (el.fallback === 'drop') return [];
      if (isObject(el.fallback)) return element(el.fallback, `${path}.fallback`, walk);
      return typeof el.text === 'string' ? textBlock({ text: el.text }) : [];
  }
}

function textBlock(el: Json): string[] {
  if (typeof el.text !== 'string' || el.text.trim() === '') return [];
  let text = toWhatsAppText(expandDates(el.text.trim()));
  if (
    el.weight === 'bolder' ||
    el.size === 'large' ||
    el.size === 'extraLarge' ||
    el.style === 'heading'
  ) {
    text = bold(text);
  }
  return text.split('\n');
}

function richTextBlock(el: Json): string[] {
  const text = asArray(el.inlines)
    .map((run) => {
      if (typeof run === 'string') return run;
      if (!isObject(run) || typeof run.text !== 'string') return '';
      let out = run.text;
      if (run.fontType === 'monospace') out = mark(out, '```');
      if (run.strikethrough === true) out = mark(out, '~');
      if (run.italic === true) out = mark(out, '_');
      if (run.weight === 'bolder') out = mark(out, '*');
      const action = run.selectAction;
      if (isObject(action) && action.type === 'Action.OpenUrl' && typeof action.url === 'string') {
        out = `${out} (${action.url})`;
      }
      return out;
    })
    .join('');
  return text.trim() === '' ? [] : text.trim().split('\n');
}

function factSet(el: Json): string[] {
  return asArray(el.facts).flatMap((fact) => {
    if (!isObject(fact)) return [];
    const title = typeof fact.title === 'string' ? fact.title.trim() : '';
    const value = typeof fact.value === 'string' ? toWhatsAppText(expandDates(fact.value)) : '';
    const line = title && value ? `${bold(title)}: ${value}` : title ? bold(title) : value;
    return line ? [line] : [];
  });
}

function image(img: Json, path: string, walk: Walk): void {
  if (img.isVisible === false || img.size === 'small') return;
  walk.images.push({ url: img.url, field: `${path}.url` });
}

/** Columns of one line each on one line; otherwise every column's lines, in order. */
function oneLineEach(columns: string[][]): string[] {
  const filled = columns.filter((lines) => lines.some((line) => line.trim() !== ''));
  const single = filled.map((lines) => lines.filter((line) => line.trim() !== ''));
  if (single.every((lines) => lines.length === 1)) {
    return single.length > 0 ? [single.map((lines) => lines[0]).join(COLUMN_SEPARATOR)] : [];
  }
  return filled.flat();
}

function actions(list: unknown, path: string, walk: Walk): void {
  asArray(list).forEach((a, i) => {
    action(a, `${path}[${i}]`, walk);
  });
}

function action(a: unknown, path: string, walk: Walk): void {
  if (!isObject(a)) return;
  switch (a.type) {
    case 'Action.Submit':
    case 'Action.Execute': {
      const title = typeof a.title === 'string' ? a.title.trim() : '';
      if (!title) {
        throw new UnsupportedActivityError(
          `${path}.title`,
          'WhatsApp buttons show text only: give the action a title',
        );
      }
      const id = replyIdOf(a.data);
      walk.replies.push({
        id: id ?? title,
        title,
        field: path,
        idField: id === undefined ? `${path}.title` : `${path}.data`,
      });
      return;
    }
    case 'Action.OpenUrl': {
      if (typeof a.url !== 'string' || a.url.trim() === '') {
        throw new UnsupportedActivityError(`${path}.url`, 'Action.OpenUrl needs its url');
      }
      walk.links.push(linkLine(a.title, a.url.trim()));
      return;
    }
    case 'Action.ShowCard':
      walk.shown.push({ card: a.card, field: `${path}.card`, title: a.title });
      return;
    case 'Action.ToggleVisibility':
      return;
    default:
      if (isObject(a.fallback)) action(a.fallback, `${path}.fallback`, walk);
  }
}

/** `{{DATE(2026-03-02T09:30:00Z, SHORT)}}` → `2026-03-02`, `{{TIME(…)}}` → `09:30`, as written. */
function expandDates(text: string): string {
  return text.replace(
    /\{\{(DATE|TIME)\(\s*(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})[^,)]*(?:,\s*\w+\s*)?\)\}\}/g,
    (_m, fn: string, date: string, time: string) => (fn === 'DATE' ? date : time),
  );
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
