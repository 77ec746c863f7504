import type { CardAction } from '../activity.js';
import { UnsupportedActivityError } from '../errors.js';
import { toWhatsAppText } from '../markdown.js';
import { cardActionsView } from './card-actions.js';
import type { CardView, RenderContext } from './card-view.js';

/** The sign-in card's content type. */
export const SIGNIN_CARD_TYPE = 'application/vnd.microsoft.card.signin';
/** The OAuth card's content type (what OAuthPrompt sends). */
export const OAUTH_CARD_TYPE = 'application/vnd.microsoft.card.oauth';

/** The label of a sign-in link whose button has no title. */
const SIGN_IN = 'Sign in';

/**
 * A sign-in or OAuth card as a text: the card's `text`, then each sign-in button as a
 * "Title: url" line ("Sign in: url" when the button has no title); reply buttons as on a hero
 * card. An OAuth card whose sign-in button has no URL relies on the Bot Framework token service,
 * which WhatsApp through MessageBird does not have: that is an UnsupportedActivityError.
 */
export function signinCardView(
  contentType: string,
  content: unknown,
  field: string,
  ctx: RenderContext,
): CardView {
  const card = (content ?? {}) as { text?: string; buttons?: CardAction[] };
  if (contentType === OAUTH_CARD_TYPE) {
    const buttons = Array.isArray(card.buttons) ? card.buttons : [];
    const i = buttons.findIndex((b) => b?.type === 'signin');
    const link = buttons[i]?.value;
    if (i < 0 || typeof link !== 'string' || link.trim() === '') {
      throw new UnsupportedActivityError(
        i < 0 ? `${field}.content.buttons` : `${field}.content.buttons[${i}].value`,
        'this OAuth card has no sign-in link: it relies on the Bot Framework token service, which WhatsApp through MessageBird does not have, so OAuthPrompt cannot complete here. Sign the user in through your own web page: send its link (a sign-in card, or text) and keep the token yourself',
      );
    }
  }
  const { replies, links } = cardActionsView(
    card.buttons,
    `${field}.content.buttons`,
    ctx.strict,
    SIGN_IN,
  );
  return {
    field: `${field}.content`,
    bodyField: `${field}.content.text`,
    actionsField: `${field}.content.buttons`,
    body: card.text ? toWhatsAppText(card.text) : '',
    links,
    replies,
  };
}
