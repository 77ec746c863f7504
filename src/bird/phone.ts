/**
 * Phone numbers for `identifierValue` (E.164 with `+`), shared with the Conversations API: the
 * rules live in src/whatsapp.
 */
export { isE164, PhoneNumberError, toE164 } from '../whatsapp/phone.js';
