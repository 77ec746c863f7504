/** Body hashing moved to src/whatsapp (both wire protocols use it); re-exported here unchanged. */
export { type BodyBytes, bodyBytes, sha256Hex } from '../whatsapp/hash.js';
