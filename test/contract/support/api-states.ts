import { simCall } from './contract-simulator.js';
import { STATES } from './interactions.js';
import { contactWrites, fromCleanSimulator, type StateHandlers } from './provider-states.js';

/**
 * The HTTP pact's provider states, set up on the simulator through its `/_sim` control routes,
 * each from a clean simulator.
 */
export function apiStateHandlers(sim: { url: string }): StateHandlers {
  return fromCleanSimulator(sim, {
    [STATES.contactInWindow]: async (params) => {
      await contactWrites(sim, params?.phone ?? '');
    },
    [STATES.approvedTemplate]: async (params) => {
      const { name, language, namespace, content } = params ?? {};
      await simCall(sim, 'POST', '/_sim/templates', {
        name,
        language,
        namespace,
        content,
        category: 'UTILITY',
      });
      await simCall(sim, 'POST', `/_sim/templates/${name}/${language}/approve`);
    },
    // The simulator knows one access key; the interaction's request carries another.
    [STATES.unknownAccessKey]: async () => {},
    [STATES.rateLimitExhausted]: async () => {
      await simCall(sim, 'PUT', '/_sim/rate-limit', { perSecond: 0.01, burst: 1 });
      await simCall(sim, 'GET', '/v1/conversations'); // spends the only token
    },
    [STATES.serverError]: async () => {
      await simCall(sim, 'PUT', '/_sim/faults', { status: { '503': 1 } });
    },
  });
}
