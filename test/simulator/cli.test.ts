import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CliUsageError, DEFAULT_CLI_PORT, parseCliArgs } from '../../src/simulator/cli-args.js';

const CLI = fileURLToPath(new URL('../../src/simulator/cli.ts', import.meta.url));

describe('parseCliArgs', () => {
  it('reads every flag', () => {
    expect(
      parseCliArgs([
        '--port',
        '0',
        '--host',
        '0.0.0.0',
        '--access-key',
        'k',
        '--signing-key',
        's',
        '--channel-id',
        '7d3a9c1e5b2f48a6b0c4e8f1a2d3c4b5',
        '--persist',
        'state.json',
        '--approve-templates',
      ]),
    ).toEqual({
      kind: 'start',
      options: {
        port: 0,
        host: '0.0.0.0',
        accessKey: 'k',
        signingKey: 's',
        channelId: '7d3a9c1e5b2f48a6b0c4e8f1a2d3c4b5',
        persist: 'state.json',
        approveTemplatesOnSubmit: true,
      },
    });
    expect(parseCliArgs([])).toEqual({ kind: 'start', options: { port: DEFAULT_CLI_PORT } });
    expect(parseCliArgs(['-h'])).toEqual({ kind: 'help' });
  });

  it('refuses unknown flags and bad ports with the usage', () => {
    expect(() => parseCliArgs(['--prot', '1'])).toThrow(CliUsageError);
    expect(() => parseCliArgs(['--port', 'eighty'])).toThrow(/--port must be/);
  });
});

describe('the CLI', () => {
  it('prints the URL, serves, and exits cleanly on SIGTERM without printing keys', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', CLI, '--port', '0', '--access-key', 'cli_secret_key_5d2'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += String(chunk);
    });
    child.stderr.on('data', (chunk) => {
      output += String(chunk);
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setInterval(() => {
          const match = /listening on (http:\/\/\S+)/.exec(output);
          if (match?.[1]) {
            clearInterval(timer);
            resolve(match[1]);
          }
        }, 20);
        void exited.then(() => {
          clearInterval(timer);
          reject(new Error(`the CLI exited early:\n${output}`));
        });
      });
      const res = await fetch(`${url}/v1/conversations`, {
        headers: { Authorization: 'AccessKey cli_secret_key_5d2' },
      });
      expect(res.status).toBe(200);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(output).toContain('GET /v1/conversations 200');
      expect(output).not.toContain('cli_secret_key_5d2');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
