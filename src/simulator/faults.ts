import * as v from 'valibot';
import { createRandom, type Random } from './rng.js';

const Probability = v.pipe(
  v.number(),
  v.minValue(0, 'a probability is between 0 and 1'),
  v.maxValue(1, 'a probability is between 0 and 1'),
);
const Millis = v.pipe(
  v.number(),
  v.integer(),
  v.minValue(0, 'milliseconds are ≥ 0'),
  v.maxValue(60_000, 'latency is at most 60000 ms'),
);

/**
 * `PUT /_sim/faults`, every field optional:
 * `{ "status": {"429": 0.1, "503": 0.2}, "latencyMs": 50 | {"min": 10, "max": 200},
 *    "dropConnection": 0.05, "dropResponse": 0.05, "webhooks": {"drop": 0.1, "duplicate": 0.1},
 *    "seed": 42 }`.
 * `status` maps 4xx/5xx codes to the chance a /v1 call answers with it (the chances add up to at
 * most 1); `dropConnection` closes the socket without an answer before the call is handled;
 * `dropResponse` handles the call (a send is accepted and stored) and then closes the socket
 * without the answer, the case where a client cannot know its request went through;
 * `webhooks.drop` never sends a
 * delivery (logged as dropped), `webhooks.duplicate` sends it twice; `seed` restarts the random
 * numbers so a run can be repeated.
 */
export const FaultsConfig = v.strictObject({
  status: v.optional(
    v.pipe(
      v.record(
        v.pipe(v.string(), v.regex(/^[45]\d\d$/, 'status keys are HTTP codes 400 to 599')),
        Probability,
      ),
      v.check(
        (s) => Object.values(s).reduce((a, b) => a + b, 0) <= 1 + 1e-9,
        'the status chances add up to at most 1',
      ),
    ),
  ),
  latencyMs: v.optional(
    v.union([
      Millis,
      v.pipe(
        v.strictObject({ min: Millis, max: Millis }),
        v.check((l) => l.min <= l.max, 'latencyMs.min must not exceed latencyMs.max'),
      ),
    ]),
  ),
  dropConnection: v.optional(Probability),
  dropResponse: v.optional(Probability),
  webhooks: v.optional(
    v.strictObject({ drop: v.optional(Probability), duplicate: v.optional(Probability) }),
  ),
  seed: v.optional(v.pipe(v.number(), v.integer())),
});

/** A faults configuration. */
export type FaultsConfig = v.InferOutput<typeof FaultsConfig>;

/** Injected failures, drawn from a seedable random source. They apply to /v1 calls only. */
export class Faults {
  #config: FaultsConfig = {};
  #quiet = true;
  #random: Random;

  /** Creates faults with no failure configured. */
  constructor(seed?: number) {
    this.#random = createRandom(seed);
  }

  /** The current configuration. */
  get config(): FaultsConfig {
    return this.#config;
  }

  /** Replaces the configuration (and reseeds when it carries a seed). */
  set(config: FaultsConfig): void {
    this.#config = config;
    this.#quiet =
      config.latencyMs === undefined &&
      !config.dropConnection &&
      !config.dropResponse &&
      (config.status === undefined || Object.keys(config.status).length === 0);
    if (config.seed !== undefined) this.#random = createRandom(config.seed);
  }

  /** Removes every fault. */
  clear(): void {
    this.#config = {};
    this.#quiet = true;
  }

  /**
   * True when no fault of API calls is configured (latency, dropped connections, injected statuses,
   * lost answers): then none of their draws draws anything, and a call can skip them.
   */
  get quiet(): boolean {
    return this.#quiet;
  }

  /** Real milliseconds to wait before answering. */
  latency(): number {
    const l = this.#config.latencyMs;
    if (l === undefined) return 0;
    if (typeof l === 'number') return l;
    return Math.round(l.min + (l.max - l.min) * this.#random());
  }

  /** True when this call's connection should be dropped. */
  dropConnection(): boolean {
    return this.#chance(this.#config.dropConnection);
  }

  /** True when this call should be handled and then lose its answer. */
  dropResponse(): boolean {
    return this.#chance(this.#config.dropResponse);
  }

  /** The status this call should fail with, if any. */
  status(): number | undefined {
    const entries = Object.entries(this.#config.status ?? {});
    if (entries.length === 0) return undefined;
    let roll = this.#random();
    for (const [code, chance] of entries) {
      if (roll < chance) return Number(code);
      roll -= chance;
    }
    return undefined;
  }

  /** True when a webhook delivery should be dropped. */
  dropWebhook(): boolean {
    return this.#chance(this.#config.webhooks?.drop);
  }

  /** True when a webhook delivery should be sent twice. */
  duplicateWebhook(): boolean {
    return this.#chance(this.#config.webhooks?.duplicate);
  }

  #chance(p: number | undefined): boolean {
    if (!p) return false;
    return this.#random() < p;
  }
}
