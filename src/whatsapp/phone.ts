/** Why a phone number could not be read as E.164. */
export class PhoneNumberError extends Error {
  /** Stable code for programs. */
  readonly code = 'INVALID_PHONE_NUMBER';
  override readonly name = 'PhoneNumberError';
}

const E164_PATTERN = /^\+[1-9]\d{6,14}$/;

/** True for an E.164 number: `+`, a non-zero digit, 7 to 15 digits in all. */
export function isE164(value: unknown): value is string {
  return typeof value === 'string' && E164_PATTERN.test(value);
}

/**
 * Normalises an msisdn as MessageBird or Bird gives it (a JSON number `31612345678`, a string with or
 * without `+`, `00` international prefix, spaces, dots, dashes or brackets) to E.164 `+31612345678`.
 * Throws a PhoneNumberError that says what was wrong.
 *
 * @example
 * toE164(31612345678); // '+31612345678'
 * toE164('0031 6 1234-5678'); // '+31612345678'
 */
export function toE164(msisdn: number | string): string {
  let digits: string;
  if (typeof msisdn === 'number') {
    if (!Number.isSafeInteger(msisdn) || msisdn <= 0) {
      throw new PhoneNumberError(`msisdn ${msisdn} is not a whole positive number`);
    }
    digits = String(msisdn);
  } else if (typeof msisdn === 'string') {
    const compact = msisdn.trim().replace(/[\s.\-()/]/g, '');
    if (compact === '') {
      throw new PhoneNumberError('msisdn is empty: give a number such as +31612345678');
    }
    if (compact.startsWith('+')) digits = compact.slice(1);
    else if (compact.startsWith('00')) digits = compact.slice(2);
    else digits = compact;
    if (!/^\d+$/.test(digits)) {
      throw new PhoneNumberError(
        `msisdn "${msisdn}" has characters other than digits: give the number in international form, such as +31612345678`,
      );
    }
  } else {
    throw new PhoneNumberError('msisdn must be a number or a string such as +31612345678');
  }
  const e164 = `+${digits}`;
  if (!E164_PATTERN.test(e164)) {
    throw new PhoneNumberError(
      `msisdn "${msisdn}" is not an international number of 7 to 15 digits with a country code, such as +31612345678`,
    );
  }
  return e164;
}

/** The msisdn form of an E.164 number, digits only: `+31612345678` gives `31612345678`. */
export function toMsisdn(e164: string): string {
  return toE164(e164).slice(1);
}
