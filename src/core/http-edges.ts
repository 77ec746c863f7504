import type { ServerResponse } from 'node:http';
import type { InProcessWebhook } from './in-process.js';
import {
  type BodyProblem,
  type NodeRequest,
  nodeRequestUrl,
  readFetchBody,
  readNodeBody,
} from './request-body.js';
import { WEBHOOK_ANSWER_CODES } from './webhook-answers.js';
import type { WebhookResponse } from './webhook-handler.js';
import type { RunTurn, WhatsAppCore } from './whatsapp-core.js';

const JSON_HEADERS = { 'Content-Type': 'application/json' };

/**
 * A webhook as a Fetch-standard Request (Hono, Bun, Deno, workers): resolves with the Response to
 * give MessageBird once the turn is done.
 */
export async function fetchWebhook(
  core: WhatsAppCore,
  request: Request,
  runTurn: RunTurn,
): Promise<Response> {
  const body = await readFetchBody(request, core.options.maxBodyBytes);
  const result = isProblem(body)
    ? problemResponse(body)
    : await core.webhook(
        {
          method: request.method,
          url: core.options.webhookUrl ?? request.url,
          header: (n) => request.headers.get(n),
          body,
        },
        runTurn,
      );
  return new Response(JSON.stringify(result.body), {
    status: result.status,
    headers: result.headers ? { ...JSON_HEADERS, ...result.headers } : JSON_HEADERS,
  });
}

/**
 * A webhook handed over in process (the test kit's simulator): the pipeline `fetchWebhook` runs,
 * on the URL, method, headers and body a Request would carry, without the Request (its body's web
 * stream, its abort signal) or the Response. The body limit holds as for a Request.
 */
export function inProcessWebhook(
  core: WhatsAppCore,
  webhook: InProcessWebhook,
  runTurn: RunTurn,
): Promise<WebhookResponse> {
  const { body } = webhook;
  const bytes =
    body === null || body === undefined
      ? new Uint8Array(0)
      : typeof body === 'string'
        ? Buffer.from(body, 'utf8')
        : body;
  if (bytes.byteLength > core.options.maxBodyBytes) {
    return Promise.resolve(problemResponse({ kind: 'too-large' }));
  }
  const headers = new Headers(webhook.headers);
  return core.webhook(
    {
      method: fetchMethod(webhook.method),
      url: core.options.webhookUrl ?? webhook.url,
      header: (name) => headers.get(name),
      body: bytes,
    },
    runTurn,
  );
}

/** The methods a Request upper-cases, as it does. */
const NORMALISED_METHODS = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT']);

function fetchMethod(method: string): string {
  const upper = method.toUpperCase();
  return NORMALISED_METHODS.has(upper) ? upper : method;
}

/**
 * A webhook on Node's http, Express or Restify. Reads the raw body itself, or takes `req.rawBody`
 * or a Buffer `req.body`; a body a JSON parser already consumed is refused with a 500 that says
 * how to keep it raw (MessageBird retries, so nothing is lost while you fix it).
 */
export async function nodeWebhook(
  core: WhatsAppCore,
  req: NodeRequest,
  res: ServerResponse,
  runTurn: RunTurn,
): Promise<void> {
  let result: WebhookResponse;
  const body =
    req.method === 'POST' ? await readNodeBody(req, core.options.maxBodyBytes) : new Uint8Array(0);
  if (isProblem(body)) {
    result = problemResponse(body);
  } else {
    result = await core.webhook(
      {
        method: req.method ?? 'GET',
        url: core.options.webhookUrl ?? nodeRequestUrl(req),
        header: (name) => {
          const value = req.headers[name.toLowerCase()];
          return Array.isArray(value) ? value.join(', ') : value;
        },
        body,
      },
      runTurn,
    );
  }
  if (res.headersSent) return;
  res.statusCode = result.status;
  res.setHeader('Content-Type', 'application/json');
  for (const [name, value] of Object.entries(result.headers ?? {})) res.setHeader(name, value);
  res.end(JSON.stringify(result.body));
}

function isProblem(body: Uint8Array | BodyProblem): body is BodyProblem {
  return !(body instanceof Uint8Array);
}

function problemResponse(problem: BodyProblem): WebhookResponse {
  switch (problem.kind) {
    case 'too-large':
      return {
        status: 413,
        body: {
          error: {
            code: WEBHOOK_ANSWER_CODES.bodyTooLarge,
            message: 'the body is larger than maxBodyBytes',
          },
        },
      };
    case 'aborted':
      return {
        status: 400,
        body: {
          error: {
            code: WEBHOOK_ANSWER_CODES.bodyAborted,
            message: 'the request body could not be read',
          },
        },
      };
    case 'already-parsed':
      return {
        status: 500,
        body: {
          error: {
            code: WEBHOOK_ANSWER_CODES.rawBodyUnavailable,
            message:
              'the body was already parsed (by express.json() or a body parser), so its signature cannot be checked: mount the adapter route before JSON parsers, use express.raw({ type: "*/*" }) on it, or keep the raw bytes in req.rawBody',
          },
        },
      };
  }
}
