import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Logger } from '../../src/core/logger.js';
import { IDS } from '../payloads/index.js';
import { KEYS } from '../support/adapter.js';

/** A Node error with a code, as require throws them. */
const coded = (message: string, code: string) => Object.assign(new Error(message), { code });

/** Makes `createRequire(...)` hand out a require that resolves and loads as given. */
function mockRequire(resolve: () => string, load: () => unknown) {
  vi.resetModules();
  vi.doMock('node:module', async (importOriginal) => ({
    ...(await importOriginal<typeof import('node:module')>()),
    createRequire: () => Object.assign(load, { resolve }),
  }));
}

function recordingLogger() {
  const warnings: { message: string; data?: Record<string, unknown> }[] = [];
  const logger: Logger = {
    debug() {},
    info() {},
    warn: (message, data) => warnings.push({ message, data }),
    error() {},
  };
  return { logger, warnings };
}

/** Makes an adapter from freshly imported modules (so it sees the mocked require). */
async function newAdapter(logger: Logger) {
  const { MessageBirdAdapter } = await import('../../src/adapter/index.js');
  const adapter = new MessageBirdAdapter({ ...KEYS, channelId: IDS.channelId, logger });
  await adapter.close();
}

afterEach(() => {
  vi.doUnmock('node:module');
  vi.resetModules();
});

describe('installWhatsAppChoices without a usable botbuilder-dialogs', () => {
  it('does nothing, quietly, when botbuilder-dialogs is not installed', async () => {
    mockRequire(
      () => {
        throw coded("Cannot find module 'botbuilder-dialogs'", 'MODULE_NOT_FOUND');
      },
      () => {
        throw new Error('not to be loaded');
      },
    );
    const { installWhatsAppChoices } = await import('../../src/adapter/whatsapp-choices.js');
    const { logger, warnings } = recordingLogger();
    expect(installWhatsAppChoices(logger)).toBe(false);
    await expect(newAdapter(logger)).resolves.toBeUndefined();
    expect(warnings).toEqual([]);
  });

  it('warns, and the adapter is still made, when botbuilder-dialogs is there but fails to load', async () => {
    mockRequire(
      () => '/app/node_modules/botbuilder-dialogs/lib/index.js',
      () => {
        throw coded("Cannot find module 'botbuilder-core'", 'MODULE_NOT_FOUND');
      },
    );
    const { installWhatsAppChoices } = await import('../../src/adapter/whatsapp-choices.js');
    const { logger, warnings } = recordingLogger();
    expect(installWhatsAppChoices(logger)).toBe(false);
    await expect(newAdapter(logger)).resolves.toBeUndefined();
    expect(warnings).toHaveLength(2);
    expect(warnings[0]?.message).toBe(
      'botbuilder-dialogs failed to load; choice prompts show their choices as text on WhatsApp',
    );
    expect(warnings[0]?.data?.error).toBe("Cannot find module 'botbuilder-core'");
  });

  it('warns when botbuilder-dialogs has no ChoiceFactory.forChannel it knows', async () => {
    mockRequire(
      () => '/app/node_modules/botbuilder-dialogs/lib/index.js',
      () => ({ ChoiceFactory: {} }),
    );
    const { installWhatsAppChoices } = await import('../../src/adapter/whatsapp-choices.js');
    const { logger, warnings } = recordingLogger();
    expect(installWhatsAppChoices(logger)).toBe(false);
    expect(warnings.map((w) => w.message)).toEqual([
      'botbuilder-dialogs has no ChoiceFactory.forChannel we know; choice prompts show their choices as text on WhatsApp',
    ]);
  });
});
