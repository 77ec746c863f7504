import type { CredentialsReport } from '../core/credentials.js';
import type { ResolvedOptions } from '../core/options.js';
import type { WindowStore } from '../core/window-store.js';

/**
 * The fronts a test chat runs, by the name `front` takes. Each front's entry point adds its
 * adapter and turn context here (`declare module`): a project that imports the package's root
 * entry gets botbuilder's types, one that imports `./agents` the Agents SDK's. The kit's own
 * declarations name neither SDK, so they type-check (even with `skipLibCheck: false`) in a project
 * that installed only one of them.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by the fronts' entry points (module augmentation)
export interface TestChatFronts {}

/** The name of a front: `'botbuilder'` (the default) or `'agents'`. */
export type FrontName = 'botbuilder' | 'agents';

/** The adapter's face common to both fronts: what a test chat's `adapter` is when its front's entry is not imported. */
export interface TestChatAdapter {
  /** The options as resolved (defaults filled in). */
  readonly options: Readonly<ResolvedOptions>;
  /** The 24-hour windows the adapter knows of. */
  readonly windows: WindowStore;
  /** Checks the access key and channel against the API. */
  verifyCredentials(): Promise<CredentialsReport>;
  /** Stops the adapter. */
  close(): Promise<void>;
}

/** A front's adapter class, or the common face when its entry point is not in the program. */
export type FrontAdapter<F extends FrontName> = F extends keyof TestChatFronts
  ? TestChatFronts[F] extends { adapter: infer A }
    ? A
    : TestChatAdapter
  : TestChatAdapter;

/** A front's turn context, or `any` when its entry point is not in the program. */
export type FrontContext<F extends FrontName> = F extends keyof TestChatFronts
  ? TestChatFronts[F] extends { context: infer C }
    ? C
    : // biome-ignore lint/suspicious/noExplicitAny: the SDK's context, untyped without its entry
      any
  : // biome-ignore lint/suspicious/noExplicitAny: the SDK's context, untyped without its entry
    any;
