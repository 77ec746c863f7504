import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  fillPlaceholders,
  idsAreDistinct,
  isWindowOpen,
  placeholdersOf,
  readCategory,
  rowsInAll,
  sectionTitlesGiven,
  TemplateBody,
  TemplateName,
  WINDOW_MS,
  windowClosesAt,
} from '../../src/whatsapp/index.js';

describe('placeholdersOf', () => {
  it.each([
    ['no parameters', 0],
    ['Hi {{1}}, order {{2}} is ready', 2],
    ['Order {{2}} for {{1}}', 2],
    ['{{1}} and {{2}} and {{1}} again', 2],
    ['Hi {{ 1 }}', 1],
    ['a single { brace } is text', 0],
  ])('reads "%s" as %i parameters', (content, count) => {
    expect(placeholdersOf(content)).toEqual({ count });
  });

  it.each([
    ['{{1}} then {{3}}', /without gaps.*found \{\{1\}\}, \{\{3\}\}/],
    ['Hi {{ name }}', /"\{\{ name \}\}" is a named placeholder.*number them \{\{1\}\}/],
    ['Hi {{first_name}}', /named placeholder/],
    ['Code {{0}}', /from 1 without leading zeros/],
    ['Code {{01}}', /from 1 without leading zeros/],
    ['Hi {{}}', /is empty/],
    ['Hi {{1}', /does not close a placeholder/],
    ['Hi 1}} there', /does not close a placeholder/],
  ])('refuses "%s", saying why', (content, why) => {
    const result = placeholdersOf(content);
    expect(result).toHaveProperty('problem');
    expect((result as { problem: string }).problem).toMatch(why);
  });

  it('fills each number with its value, wherever and however often it appears', () => {
    expect(fillPlaceholders('Hi {{1}}, order {{2}}', ['Ada'])).toBe('Hi Ada, order {{2}}');
    expect(fillPlaceholders('Order {{2}} for {{1}}; thanks, {{ 1 }}', ['Ada', '#4711'])).toBe(
      'Order #4711 for Ada; thanks, Ada',
    );
  });
});

describe('template schemas', () => {
  it('checks the body: 1 to 1024 characters and the placeholders', () => {
    expect(v.safeParse(TemplateBody, 'x'.repeat(1024)).success).toBe(true);
    expect(v.safeParse(TemplateBody, 'x'.repeat(1025)).issues?.[0]?.message).toMatch(/1024/);
    expect(v.safeParse(TemplateBody, '').success).toBe(false);
    expect(v.safeParse(TemplateBody, 'Hi {{name}}').issues?.[0]?.message).toMatch(/named/);
  });

  it('checks the name: lowercase, digits and underscores, at most 512', () => {
    expect(v.safeParse(TemplateName, 'shipping_alert_1').success).toBe(true);
    expect(v.safeParse(TemplateName, 'Shipping-Alert').success).toBe(false);
    expect(v.safeParse(TemplateName, 'a'.repeat(512)).success).toBe(true);
    expect(v.safeParse(TemplateName, 'a'.repeat(513)).success).toBe(false);
  });
});

describe('readCategory', () => {
  it.each([
    ['UTILITY', 'UTILITY', false],
    ['marketing', 'MARKETING', false],
    [' Authentication ', 'AUTHENTICATION', false],
    ['Transactional', 'UTILITY', true],
    ['One-time password', 'AUTHENTICATION', true],
    ['one time password', 'AUTHENTICATION', true],
    ['one_time_password', 'AUTHENTICATION', true],
    ['OTP', 'AUTHENTICATION', true],
  ])('reads "%s" as %s (warning: %s)', (input, category, warns) => {
    const reading = readCategory(input);
    expect(reading?.category).toBe(category);
    if (warns) expect(reading?.warning).toMatch(new RegExp(`older name.*${category}`));
    else expect(reading?.warning).toBeUndefined();
  });

  it.each(['NEWSLETTER', '', 'constructor', 'toString'])('refuses "%s"', (input) => {
    expect(readCategory(input)).toBeUndefined();
  });
});

describe('isWindowOpen', () => {
  const last = Date.UTC(2026, 2, 2, 9);
  it('is open for 24 hours from the last inbound message, closed at exactly 24 hours', () => {
    expect(isWindowOpen(last, last)).toBe(true);
    expect(isWindowOpen(last, last + WINDOW_MS - 1)).toBe(true);
    expect(isWindowOpen(last, last + WINDOW_MS)).toBe(false);
    expect(windowClosesAt(last)).toBe(last + WINDOW_MS);
  });

  it('is closed for a contact who never wrote, and takes another length', () => {
    expect(isWindowOpen(undefined, last)).toBe(false);
    expect(isWindowOpen(last, last + 1000, 1000)).toBe(false);
  });
});

describe('interactive rules', () => {
  it('wants distinct ids, counts rows in all sections, and titles when there are several', () => {
    expect(idsAreDistinct(['a', 'b'])).toBe(true);
    expect(idsAreDistinct(['a', 'a'])).toBe(false);
    expect(rowsInAll([{ rows: [1, 2] }, { rows: [3] }])).toBe(3);
    expect(sectionTitlesGiven([{}])).toBe(true);
    expect(sectionTitlesGiven([{ title: 'A' }, { title: 'B' }])).toBe(true);
    expect(sectionTitlesGiven([{ title: 'A' }, { title: ' ' }])).toBe(false);
    expect(sectionTitlesGiven([{}, { title: 'B' }])).toBe(false);
  });
});
