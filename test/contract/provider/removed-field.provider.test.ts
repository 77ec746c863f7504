import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';

/** The Verifier's report, the JSON it rejects with as its error message. */
interface Report {
  errors: { interaction: string; mismatch: { mismatches: { path: string; mismatch: string }[] } }[];
  /** The lines it prints. */
  output: string[];
}

/** Runs support/verify-drifted.ts in a child process; answers its result and what it printed. */
async function verifyDrifted(): Promise<{ passed: boolean; message?: string; printed: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'pact-drifted-'));
  const result = join(dir, 'result.json');
  try {
    const script = join(import.meta.dirname, '..', 'support', 'verify-drifted.ts');
    const child = spawn(process.execPath, ['--import', 'tsx', script, result], {
      stdio: ['ignore', 'pipe', 'pipe'],
      // Never publish this deliberately failing verification to a broker.
      env: {
        ...process.env,
        PACT_DO_NOT_TRACK: 'true',
        PACT_BROKER_BASE_URL: '',
        PACT_BROKER_PUBLISH_VERIFICATION_RESULTS: '',
        PACT_PUBLISH_VERSION: '',
      },
    });
    let printed = '';
    child.stdout.on('data', (d) => {
      printed += d;
    });
    child.stderr.on('data', (d) => {
      printed += d;
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    if (code !== 0) throw new Error(`verify-drifted.ts exited with ${code}:\n${printed}`);
    return { ...JSON.parse(readFileSync(result, 'utf8')), printed };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('a simulator that drops a field the adapter relies on', () => {
  it('fails verification, naming the missing `id` in every send interaction', async () => {
    const { passed, message } = await verifyDrifted();
    expect(passed, 'verification passed against a simulator without the send id').toBe(false);
    const report = JSON.parse(String(message)) as Report;
    const failed = report.errors.map((e) => e.interaction.replace(/^.* - /, ''));
    // Every 202 send fails; the error answers (401, 422, 429, 503) still hold.
    expect(failed).toHaveLength(8);
    expect(failed.every((name) => name.startsWith('a request to send'))).toBe(true);
    expect(failed.some((name) => /access key|without|rate limit|fails/.test(name))).toBe(false);
    const text = stripVTControlCharacters(report.output.join('\n'));
    expect(text).toContain('$ -> Actual map is missing the following keys: id');
    expect(text).toContain('There were 8 pact failures');
    for (const error of report.errors) {
      expect(error.mismatch.mismatches).toContainEqual(
        expect.objectContaining({
          path: '$',
          mismatch: expect.stringContaining('Actual map is missing the following keys: id'),
        }),
      );
    }
  }, 60_000);
});
