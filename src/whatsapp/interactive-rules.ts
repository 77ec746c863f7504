/**
 * WhatsApp's rules on interactive messages beyond their lengths (see `WHATSAPP_LIMITS` for those).
 */

/**
 * True when no id repeats, so a reply says which button or row was tapped. source: WhatsApp's
 * documented rule (button ids and row ids are unique within a message).
 */
export function idsAreDistinct(ids: readonly string[]): boolean {
  return new Set(ids).size === ids.length;
}

/** The rows of a list in all its sections together, which `WHATSAPP_LIMITS.listRows` limits. */
export function rowsInAll(sections: readonly { rows: readonly unknown[] }[]): number {
  return sections.reduce((n, section) => n + section.rows.length, 0);
}

/**
 * True unless a list of more than one section has a section without a title. source: WhatsApp's
 * documented rule (a section title is required when the list has more than one section).
 */
export function sectionTitlesGiven(sections: readonly { title?: string | undefined }[]): boolean {
  return sections.length < 2 || sections.every((s) => (s.title ?? '').trim() !== '');
}
