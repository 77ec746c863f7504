/**
 * `botbuilder-adapter-messagebird-whatsapp/testing/vitest`: WhatsApp matchers for vitest (an
 * optional peer). Importing it adds them to `expect`. Every export is listed here by name.
 *
 * @example
 * import 'botbuilder-adapter-messagebird-whatsapp/testing/vitest';
 * expect(ana).toHaveReceived('Welcome');
 * expect(ana.lastMessage()).toHaveButtons(['Small', 'Large']);
 */
import { installWhatsAppMatchers } from './matchers.js';

installWhatsAppMatchers();

// The matchers, added to expect on import; and what adds them again (to another expect).
export { whatsappMatchers, installWhatsAppMatchers, type WhatsAppMatchers } from './matchers.js';
