import { existsSync, readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import * as v from 'valibot';
import { SimulatorError } from './errors.js';
import type { Logger } from './logger.js';
import type { StoreSnapshot } from './store.js';

/** The format version written to persistence files. */
export const PERSISTENCE_VERSION = 1;

const Timestamp = v.pipe(v.number(), v.finite());
const Row = (entries: v.ObjectEntries) => v.looseObject(entries);

/**
 * The saved file: `{version, savedAt, state}`. Records are checked for the fields the simulator
 * relies on; the simulator's own keys (access, signing) are never part of it. A Bird webhook
 * subscription is saved whole, with the signing key its creator gave it, as Bird keeps it: without
 * it the subscription's deliveries would go out unsigned after a restart.
 */
const PersistedFile = v.object({
  version: v.literal(PERSISTENCE_VERSION),
  savedAt: v.string(),
  state: v.object({
    contacts: v.array(
      Row({
        id: v.string(),
        phone: v.string(),
        displayName: v.string(),
        createdAt: Timestamp,
        lastInboundAt: v.record(v.string(), Timestamp),
      }),
    ),
    conversations: v.array(
      Row({
        id: v.string(),
        contactId: v.string(),
        status: v.picklist(['active', 'archived']),
        seq: v.number(),
      }),
    ),
    messages: v.array(
      Row({
        id: v.string(),
        conversationId: v.string(),
        type: v.string(),
        content: v.record(v.string(), v.unknown()),
        plan: v.array(v.looseObject({ status: v.string(), at: Timestamp })),
        seq: v.number(),
      }),
    ),
    webhooks: v.array(Row({ id: v.string(), url: v.string(), events: v.array(v.string()) })),
    templates: v.array(Row({ name: v.string(), language: v.string(), status: v.string() })),
    birdSubscriptions: v.optional(
      v.array(Row({ id: v.string(), url: v.string(), event: v.string(), seq: v.number() })),
    ),
  }),
});

/** Reads a saved state; undefined when the file does not exist; a corrupt file throws. */
export function loadState(file: string): StoreSnapshot | undefined {
  if (!existsSync(file)) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new SimulatorError(
      'SIMULATOR_PERSISTENCE_CORRUPT',
      `the state file ${file} is not valid JSON: fix it, or delete it to start empty`,
      { cause: error },
    );
  }
  const result = v.safeParse(PersistedFile, raw);
  if (!result.success) {
    const issue = result.issues[0];
    const where = issue ? (v.getDotPath(issue) ?? 'the top level') : 'the top level';
    throw new SimulatorError(
      'SIMULATOR_PERSISTENCE_CORRUPT',
      `the state file ${file} is not a simulator state (problem at ${where}: ${issue?.message}): fix it, or delete it to start empty`,
    );
  }
  return result.output.state as unknown as StoreSnapshot;
}

/**
 * Saves the state after changes, at most every `delayMs` (real time), writing to a temporary file
 * and renaming it so a crash never leaves half a file.
 */
export class StateSaver {
  #timer: ReturnType<typeof setTimeout> | undefined;
  #writing: Promise<void> = Promise.resolve();

  /** Creates a saver for a file. */
  constructor(
    private readonly file: string,
    private readonly snapshot: () => StoreSnapshot,
    private readonly logger: Logger,
    private readonly delayMs = 100,
  ) {}

  /** Notes a change; the save happens a little later. */
  schedule(): void {
    if (this.#timer !== undefined) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.flush();
    }, this.delayMs);
    this.#timer.unref?.();
  }

  /** Saves now (waiting for a save in progress first). */
  flush(): Promise<void> {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    const body = JSON.stringify(
      { version: PERSISTENCE_VERSION, savedAt: new Date().toISOString(), state: this.snapshot() },
      null,
      2,
    );
    this.#writing = this.#writing.then(async () => {
      const temporary = `${this.file}.${process.pid}.tmp`;
      try {
        await writeFile(temporary, body, 'utf8');
        await rename(temporary, this.file);
      } catch (error) {
        this.logger.warn(`could not save the simulator state to ${this.file}: ${String(error)}`);
      }
    });
    return this.#writing;
  }
}
