import * as v from 'valibot';

/** WhatsApp's template categories. source: messagebird-facts.md (Templates: category). */
export const TEMPLATE_CATEGORIES = ['MARKETING', 'UTILITY', 'AUTHENTICATION'] as const;

/** A template category. */
export type TemplateCategory = (typeof TEMPLATE_CATEGORIES)[number];

/**
 * Older category names, accepted as aliases with a warning, keyed as `readCategory` spells them
 * (upper case, words joined by `_`). Transactional and One-time password: source:
 * messagebird-facts.md (older MessageBird pages say Transactional, Marketing, One-time password).
 * OTP: WhatsApp's own category code of 2022 (TRANSACTIONAL, MARKETING, OTP), before it moved to
 * UTILITY, MARKETING, AUTHENTICATION.
 */
export const CATEGORY_ALIASES: Readonly<Record<string, TemplateCategory>> = {
  TRANSACTIONAL: 'UTILITY',
  ONE_TIME_PASSWORD: 'AUTHENTICATION',
  OTP: 'AUTHENTICATION',
};

/** A category as read: the category, and a warning when an older name was given. */
export interface CategoryReading {
  /** The category the name stands for. */
  category: TemplateCategory;
  /** Set when the name was an older alias: says which category it was read as. */
  warning?: string;
}

/**
 * Reads a category name or an older alias of one: any case, words separated by spaces, dashes
 * or underscores (`One-time password`, `one_time_password`, `ONE TIME PASSWORD` are one name).
 * Our reading: users copy the spelling from several pages, so every separator is accepted.
 * `undefined` for an unknown name.
 *
 * @example
 * readCategory('Transactional'); // { category: 'UTILITY', warning: '… older name …' }
 */
export function readCategory(input: string): CategoryReading | undefined {
  const key = input
    .trim()
    .toUpperCase()
    .replace(/[\s_-]+/g, '_');
  if ((TEMPLATE_CATEGORIES as readonly string[]).includes(key)) {
    return { category: key as TemplateCategory };
  }
  const category = Object.hasOwn(CATEGORY_ALIASES, key) ? CATEGORY_ALIASES[key] : undefined;
  if (category === undefined) return undefined;
  return {
    category,
    warning: `category "${input}" is an older name: it is read as ${category}; write ${category}`,
  };
}

/** What to write instead of an unknown category name. */
export const CATEGORY_ADVICE = `use ${TEMPLATE_CATEGORIES.join(', ')} (the older names Transactional, One-time password and OTP are read as UTILITY and AUTHENTICATION)`;

/** A category name (or older alias) as WhatsApp's categories read it; the output is the name as given. */
export const TemplateCategoryName = v.pipe(
  v.string(),
  v.check((c) => readCategory(c) !== undefined, CATEGORY_ADVICE),
);
