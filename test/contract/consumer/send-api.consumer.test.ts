import { rmSync } from 'node:fs';
import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MessageBirdApiError, RetriesExhaustedError } from '../../../src/adapter/index.js';
import type { MessageBirdClient } from '../../../src/core/api-client.js';
import type { SendRequest } from '../../../src/messagebird/requests.js';
import { IDS, SENDS, send } from '../../payloads/index.js';
import { contractClient } from '../support/contract-client.js';
import {
  SIM_ACCESS_KEY,
  STATES,
  TEMPLATES,
  WINDOW_PARAMS,
  WRONG_ACCESS_KEY,
} from '../support/interactions.js';
import { CONSUMER, GENERATED_DIR, generatedPact, PROVIDERS } from '../support/pact-names.js';
import { shapeOf } from '../support/shape.js';

const { eachLike, integer, like, regex } = MatchersV3;

const TRACK_ID = '3f6c1b2a-9d4e-4f7a-8b0c-5e2d1a9c7b64';
const JSON_TYPE = regex('^application/json', 'application/json');

const pact = new PactV4({
  consumer: CONSUMER,
  provider: PROVIDERS.api,
  dir: GENERATED_DIR,
  logLevel: 'warn',
});

/** The headers the client sends with a body, the key given as example. */
function requestHeaders(accessKey = SIM_ACCESS_KEY) {
  return {
    Authorization: regex(String.raw`^AccessKey \S+$`, `AccessKey ${accessKey}`),
    Accept: 'application/json',
    'Content-Type': JSON_TYPE,
  };
}

/** A send as the adapter makes it: the example body with a trackId. */
function withTrackId(body: Record<string, unknown>): SendRequest {
  return { ...body, trackId: TRACK_ID } as SendRequest;
}

let client: MessageBirdClient | undefined;
afterEach(async () => {
  await client?.close();
  client = undefined;
});

beforeAll(() => {
  // Pact merges into an existing file, so stale interactions would stay: start clean.
  rmSync(generatedPact(PROVIDERS.api), { force: true });
});

describe('the adapter sends messages with POST /v1/send', () => {
  const cases: { name: string; body: Record<string, unknown>; given: [string, object] }[] = [
    { name: 'a text', body: SENDS.text(), given: [STATES.contactInWindow, WINDOW_PARAMS] },
    { name: 'an image', body: SENDS.image(), given: [STATES.contactInWindow, WINDOW_PARAMS] },
    { name: 'a file', body: SENDS.file(), given: [STATES.contactInWindow, WINDOW_PARAMS] },
    {
      name: 'interactive buttons',
      body: SENDS.buttons(),
      given: [STATES.contactInWindow, WINDOW_PARAMS],
    },
    {
      name: 'an interactive list',
      body: SENDS.list(),
      given: [STATES.contactInWindow, WINDOW_PARAMS],
    },
    { name: 'a location', body: SENDS.location(), given: [STATES.contactInWindow, WINDOW_PARAMS] },
    {
      name: 'a template with params',
      body: SENDS.templateParams(),
      given: [STATES.approvedTemplate, TEMPLATES.params],
    },
    {
      name: 'a template with components',
      body: SENDS.templateComponents(),
      given: [STATES.approvedTemplate, TEMPLATES.components],
    },
  ];

  for (const { name, body, given } of cases) {
    it(`sends ${name} and gets MessageBird's message id`, async () => {
      const request = withTrackId(body);
      await pact
        .addInteraction()
        .given(given[0], given[1] as Record<string, string>)
        .uponReceiving(`a request to send ${name}`)
        .withRequest('POST', '/v1/send', (b) =>
          b.headers(requestHeaders()).jsonBody(shapeOf(request)),
        )
        .willRespondWith(202, (b) =>
          b
            .headers({ 'Content-Type': JSON_TYPE })
            .jsonBody(shapeOf({ id: IDS.sentMessageId, status: 'accepted' })),
        )
        .executeTest(async (server) => {
          client = contractClient(server.url);
          const answer = await client.send(request);
          expect(answer.id).toBe(IDS.sentMessageId);
          expect(answer.status).toBe('accepted');
        });
    });
  }
});

describe('the adapter handles MessageBird’s error answers', () => {
  it('a wrong access key: 401 code 2 becomes a MessageBirdApiError that says to check accessKey', async () => {
    await pact
      .addInteraction()
      .given(STATES.unknownAccessKey)
      .uponReceiving('a request to send a text with an access key the account does not have')
      .withRequest('POST', '/v1/send', (b) =>
        b.headers(requestHeaders(WRONG_ACCESS_KEY)).jsonBody(shapeOf(withTrackId(SENDS.text()))),
      )
      .willRespondWith(401, (b) =>
        b.headers({ 'Content-Type': JSON_TYPE }).jsonBody({
          errors: eachLike({
            code: 2,
            description: like('Request not allowed (incorrect access_key)'),
            parameter: like('access_key'),
          }),
        }),
      )
      .executeTest(async (server) => {
        client = contractClient(server.url, { accessKey: WRONG_ACCESS_KEY });
        const error = await client.send(withTrackId(SENDS.text())).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(MessageBirdApiError);
        expect(error).toMatchObject({ status: 401, apiCode: 2, parameter: 'access_key' });
        expect((error as Error).message).toContain('check accessKey');
        expect((error as Error).message).not.toContain(WRONG_ACCESS_KEY);
      });
  });

  it('a missing parameter: 422 code 9 names the parameter, and is not retried', async () => {
    const invalid = withTrackId(send('text', {}));
    await pact
      .addInteraction()
      .given(STATES.contactInWindow, WINDOW_PARAMS)
      .uponReceiving('a request to send a text without its text')
      .withRequest('POST', '/v1/send', (b) =>
        b.headers(requestHeaders()).jsonBody(shapeOf(invalid)),
      )
      .willRespondWith(422, (b) =>
        b.headers({ 'Content-Type': JSON_TYPE }).jsonBody({
          errors: eachLike({
            code: 9,
            description: like('content.text is required'),
            parameter: like('content.text'),
          }),
        }),
      )
      .executeTest(async (server) => {
        client = contractClient(server.url, { retries: 2 });
        const error = await client.send(invalid).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(MessageBirdApiError);
        expect(error).toMatchObject({ status: 422, apiCode: 9, parameter: 'content.text' });
      });
  });

  it('429: waits the Retry-After it is given, then gives up with the 429 once retries are spent', async () => {
    await pact
      .addInteraction()
      .given(STATES.rateLimitExhausted)
      .uponReceiving('a request to send a text past the rate limit')
      .withRequest('POST', '/v1/send', (b) =>
        b.headers(requestHeaders()).jsonBody(shapeOf(withTrackId(SENDS.text()))),
      )
      .willRespondWith(429, (b) =>
        b
          .headers({ 'Content-Type': JSON_TYPE, 'Retry-After': regex(String.raw`^\d+$`, '1') })
          .jsonBody({
            errors: eachLike({ code: integer(429), description: like('Too many requests') }),
          }),
      )
      .executeTest(async (server) => {
        client = contractClient(server.url, { retries: 1 });
        const started = performance.now();
        const error = await client.send(withTrackId(SENDS.text())).catch((e: unknown) => e);
        expect(performance.now() - started).toBeGreaterThanOrEqual(950);
        expect(error).toBeInstanceOf(RetriesExhaustedError);
        expect(error).toMatchObject({ attempts: 2 });
        expect((error as RetriesExhaustedError).lastError).toMatchObject({ status: 429 });
      });
  });

  it('5xx: retried, then a RetriesExhaustedError carrying the 503', async () => {
    await pact
      .addInteraction()
      .given(STATES.serverError)
      .uponReceiving('a request to send a text while MessageBird fails')
      .withRequest('POST', '/v1/send', (b) =>
        b.headers(requestHeaders()).jsonBody(shapeOf(withTrackId(SENDS.text()))),
      )
      .willRespondWith(503, (b) =>
        b.headers({ 'Content-Type': JSON_TYPE }).jsonBody({
          errors: eachLike({ code: integer(99), description: like('Service unavailable') }),
        }),
      )
      .executeTest(async (server) => {
        client = contractClient(server.url, { retries: 1 });
        const error = await client.send(withTrackId(SENDS.text())).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(RetriesExhaustedError);
        expect(error).toMatchObject({ attempts: 2 });
        expect((error as RetriesExhaustedError).lastError).toMatchObject({ status: 503 });
      });
  });
});
