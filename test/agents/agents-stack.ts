import type { TurnContext } from '@microsoft/agents-hosting';
import {
  type MessageBirdAdapterOptions,
  MessageBirdAgentsAdapter,
} from '../../src/agents/index.js';
import type { Logger } from '../../src/core/logger.js';
import { IDS } from '../payloads/index.js';
import { KEYS } from '../support/adapter.js';
import { type SimStack, startSimStack } from '../support/sim-stack.js';

/** An agent as the Agents SDK runs it: `(context) => app.run(context)`. */
export type AgentLogic = (context: TurnContext) => Promise<unknown>;

/** The simulator and an agent behind the Agents SDK front, on sockets of 127.0.0.1. */
export interface AgentsStack extends SimStack<MessageBirdAgentsAdapter> {
  /** What the adapter logged at `error` level (a failed turn is logged with its stack). */
  errors: { message: string; data?: Record<string, unknown> }[];
}

/**
 * The simulator and the agent on `adapter.process` behind a node:http server, with the options a
 * README user has (plus test keys and quick retries). The adapter's `onTurnError` is left as the
 * adapter sets it (rethrow: the webhook is answered 500). `options` may be a function of the
 * simulator's template namespace.
 */
export async function startAgentsStack(
  logic: AgentLogic,
  options:
    | Partial<MessageBirdAdapterOptions>
    | ((namespace: string) => Partial<MessageBirdAdapterOptions>) = {},
): Promise<AgentsStack> {
  const errors: AgentsStack['errors'] = [];
  const logger: Logger = {
    debug: () => {},
    info: () => {},
    warn: () => {},
    error: (message, data) => errors.push({ message, data }),
  };
  const stack = await startSimStack(
    ({ apiBaseUrl, webhookUrl, templateNamespace }) => {
      const adapter = new MessageBirdAgentsAdapter({
        ...KEYS,
        channelId: IDS.channelId,
        channelName: 'Acme Support',
        apiBaseUrl,
        webhookUrl,
        retry: { retries: 2, baseDelayMs: 5, maxDelayMs: 20, timeoutMs: 5_000 },
        logger,
        ...(typeof options === 'function' ? options(templateNamespace) : options),
      });
      return {
        adapter,
        process: (req, res) =>
          void adapter.process(req, res, async (context) => {
            await logic(context);
          }),
      };
    },
    { channelName: 'Acme Support' },
  );
  return Object.assign(stack, { errors });
}
