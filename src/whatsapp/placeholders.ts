/**
 * The placeholders of a template body, as WhatsApp numbers them. The grammar, rule by rule:
 *
 * - A placeholder is `{{n}}` with n a whole number from 1 without leading zeros. source:
 *   messagebird-facts.md (`{{1}}`, `{{2}}`…) and WhatsApp's rejection reasons ("the correct format
 *   is {{1}}"). Spaces inside the braces (`{{ 1 }}`) are read as `{{1}}`: not confirmed; both
 *   earlier copies of this rule accepted them.
 * - Numbered from 1 without gaps: `{{1}}` and `{{3}}` without `{{2}}` is refused. source:
 *   messagebird-facts.md ("`{{1}}`, `{{2}}`… in order", read as the numbering) and WhatsApp's
 *   rejection reasons ("variable parameters are not sequential").
 * - In any order of appearance: `Order {{2}} for {{1}}` is allowed, so a translation can reorder
 *   its parameters. source: WhatsApp's observed rule (it allows `{{1}} … {{3}} … {{2}}`).
 * - A number may appear more than once; one parameter fills every occurrence: not confirmed
 *   (WhatsApp takes one value per number); both earlier copies of this rule accepted it.
 * - Named placeholders (`{{name}}`, `{{ first_name }}`) are refused: MessageBird's `hsm.params` are
 *   positional and fill numbered placeholders only. source: messagebird-facts.md (hsm params).
 * - A `{{` or `}}` that does not belong to a placeholder is refused. source: WhatsApp's rejection
 *   reasons ("mismatched curly braces").
 */

/** A `{{…}}` pair with no braces inside. */
const BRACES = /\{\{([^{}]*)\}\}/g;
const NUMBERED = /^\s*([1-9]\d*)\s*$/;
const DIGITS = /^\s*\d+\s*$/;

/** What a template body's placeholders are: how many parameters it takes, or why it is refused. */
export type Placeholders = { count: number } | { problem: string };

/**
 * Reads the placeholders of a template body by WhatsApp's grammar (see this module): the number
 * of distinct placeholders, which is the number of parameters a send gives, or what is wrong.
 *
 * @example
 * placeholdersOf('Order {{2}} for {{1}}'); // { count: 2 }
 * placeholdersOf('Hi {{ name }}');          // { problem: '… named placeholder …' }
 */
export function placeholdersOf(content: string): Placeholders {
  const numbers = new Set<number>();
  for (const match of content.matchAll(BRACES)) {
    const inner = match[1] ?? '';
    const numbered = NUMBERED.exec(inner);
    if (numbered) {
      numbers.add(Number(numbered[1]));
      continue;
    }
    if (inner.trim() === '') {
      return { problem: `placeholder "${match[0]}" is empty: write {{1}}, {{2}}…` };
    }
    if (DIGITS.test(inner)) {
      return {
        problem: `placeholder "${match[0]}" is not a number from 1 without leading zeros: write {{1}}, {{2}}…`,
      };
    }
    return {
      problem: `"${match[0]}" is a named placeholder: MessageBird's template parameters are positional, so number them {{1}}, {{2}}… (in any order, without gaps)`,
    };
  }
  const rest = content.replace(BRACES, '');
  if (rest.includes('{{') || rest.includes('}}')) {
    return {
      problem: 'a "{{" or "}}" does not close a placeholder: write placeholders as {{1}}, {{2}}…',
    };
  }
  const count = numbers.size;
  const found = [...numbers].sort((a, b) => a - b);
  if (found.length > 0 && found[found.length - 1] !== count) {
    return {
      problem: `placeholders must be numbered {{1}} to {{${count}}} without gaps (in any order); found ${found.map((n) => `{{${n}}}`).join(', ')}`,
    };
  }
  return { count };
}

/**
 * The body with each `{{n}}` replaced by `values[n - 1]`: what the contact reads. A placeholder
 * without a value stays as written. Assumes a body `placeholdersOf` accepted.
 */
export function fillPlaceholders(content: string, values: readonly string[]): string {
  return content.replace(BRACES, (whole, inner: string) => {
    const numbered = NUMBERED.exec(inner);
    return numbered ? (values[Number(numbered[1]) - 1] ?? whole) : whole;
  });
}
