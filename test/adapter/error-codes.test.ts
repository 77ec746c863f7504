import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ADAPTER_ERROR_CODES } from '../../src/core/errors.js';
import { WEBHOOK_ANSWER_CODES } from '../../src/core/webhook-answers.js';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** The README paragraph (up to the next blank line) that begins with `start`. */
function paragraph(start: string): string {
  const found = README.split(/\n\s*\n/).find((p) => p.trimStart().startsWith(start));
  if (!found) throw new Error(`README.md has no paragraph beginning "${start}"`);
  return found;
}

/**
 * The backticked codes of a paragraph, such as `WINDOW_CLOSED`; the names of the lists themselves
 * (`ADAPTER_ERROR_CODES`) are not codes.
 */
function codesIn(text: string): string[] {
  return [...text.matchAll(/`([A-Z][A-Z0-9_]*)`/g)]
    .map((m) => m[1] as string)
    .filter((code) => !code.endsWith('_CODES'));
}

/** The codes one side has and the other lacks, so a failure names them. */
function difference(documented: string[], actual: readonly string[]) {
  return {
    missingFromReadme: actual.filter((c) => !documented.includes(c)),
    unknownToTheCode: documented.filter((c) => !actual.includes(c)),
  };
}

describe('the README lists the codes programs can rely on', () => {
  it('lists exactly the adapter error codes of ADAPTER_ERROR_CODES', () => {
    const documented = codesIn(paragraph('Every error the adapter throws has a stable `code`'));
    expect(difference(documented, ADAPTER_ERROR_CODES)).toEqual({
      missingFromReadme: [],
      unknownToTheCode: [],
    });
  });

  it('lists exactly the webhook answer codes of WEBHOOK_ANSWER_CODES', () => {
    const documented = codesIn(paragraph("A webhook's error answer is JSON"));
    expect(difference(documented, Object.values(WEBHOOK_ANSWER_CODES))).toEqual({
      missingFromReadme: [],
      unknownToTheCode: [],
    });
  });
});
