/** Phone numbers moved to src/whatsapp (both wire protocols use them); re-exported here unchanged. */
export { isE164, PhoneNumberError, toE164, toMsisdn } from '../whatsapp/phone.js';
