import { BIRD_CHANNEL_PATH, birdCall, birdSend } from './bird-contract-simulator.js';
import { BIRD_STATES } from './bird-interactions.js';
import { simCall } from './contract-simulator.js';
import { contactWrites, fromCleanSimulator, type StateHandlers } from './provider-states.js';

/** The parameters of the template state, as the pact carries them. */
interface TemplateParams {
  name: string;
  language: string;
  projectId: string;
  variables: string[];
  content: string;
}

/**
 * The Bird HTTP pact's provider states, set up on the simulator through its `/_sim` control routes
 * and its Bird face, each from a clean simulator.
 */
export function birdApiStateHandlers(sim: { url: string }): StateHandlers {
  return fromCleanSimulator(sim, {
    [BIRD_STATES.contactInWindow]: async (params) => {
      await contactWrites(sim, params?.phone ?? '');
    },
    [BIRD_STATES.approvedTemplate]: async (params) => {
      const { name, language, projectId, variables, content } = params as unknown as TemplateParams;
      await simCall(sim, 'POST', '/_sim/templates', {
        name,
        language,
        category: 'UTILITY',
        content,
        projectId,
        variables,
      });
      await simCall(sim, 'POST', `/_sim/templates/${name}/${language}/approve`);
    },
    // The contact wrote, and the adapter's send went through before its answer was lost.
    [BIRD_STATES.sentWithReference]: async (params) => {
      const phone = params?.phone ?? '';
      await contactWrites(sim, phone);
      await birdSend(
        sim,
        phone,
        { body: { type: 'text', text: { text: 'Only once' } } },
        params?.reference,
      );
    },
    [BIRD_STATES.channelExists]: async () => {},
    // The interaction names a channel id the simulator does not play.
    [BIRD_STATES.noSuchChannel]: async () => {},
    // The simulator knows one access key; the interaction's request carries another.
    [BIRD_STATES.unknownAccessKey]: async () => {},
    [BIRD_STATES.rateLimitExhausted]: async () => {
      await simCall(sim, 'PUT', '/_sim/rate-limit', { perSecond: 0.01, burst: 1 });
      await birdCall(sim, 'GET', BIRD_CHANNEL_PATH); // spends the only token
    },
    [BIRD_STATES.serverError]: async () => {
      await simCall(sim, 'PUT', '/_sim/faults', { status: { '503': 1 } });
    },
  });
}
