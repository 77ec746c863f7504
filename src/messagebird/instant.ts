/** Instants moved to src/whatsapp (both wire protocols use them); re-exported here unchanged. */
export { type Instant, toEpochMillis } from '../whatsapp/instant.js';
