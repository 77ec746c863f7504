/**
 * Wraps each non-blank line of WhatsApp text in a marker (`*` bold, `_` italic, `~` strike,
 * ```` ``` ```` monospace), inside its leading and trailing spaces: WhatsApp formats a marker
 * only next to a non-space, and never across a line break. A line that already holds the marker
 * keeps its own formatting (wrapping it again would show stray markers).
 */
export function mark(text: string, marker: string): string {
  return text
    .split('\n')
    .map((line) => {
      const match = /^(\s*)(.*?)(\s*)$/.exec(line);
      const [, lead = '', core = '', trail = ''] = match ?? [];
      if (core === '' || core.includes(marker)) return line;
      return `${lead}${marker}${core}${marker}${trail}`;
    })
    .join('\n');
}

/** WhatsApp bold (`*x*`), line by line. */
export function bold(text: string): string {
  return mark(text, '*');
}

/** Joins blocks of text with a blank line between them, leaving out empty ones. */
export function joinBlocks(blocks: readonly (string | undefined | false)[]): string {
  return blocks.filter((b): b is string => typeof b === 'string' && b.trim() !== '').join('\n\n');
}
