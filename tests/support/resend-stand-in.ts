import { createHash, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local HTTP stand-in for the Resend API, for contract, fault and browser tests. Point the real
 * SDK at it (`new Resend(key, { baseUrl: standIn.url })` or RESEND_BASE_URL) and it:
 *
 * - records every request (method, path, headers, parsed body): `requests`;
 * - answers POST /emails like Resend: 200 `{ id }`, honouring `Idempotency-Key` (same key and same
 *   payload → the same id and no second delivery; same key and a different payload → 409
 *   `invalid_idempotent_request`; a key whose first request is still being processed → 409
 *   `concurrent_idempotent_requests`);
 * - keeps "the inbox": one entry per email actually accepted: `deliveries`;
 * - plays scripted answers for the next calls, in order: a 429 with Retry-After, a 500, a 200 with
 *   a broken body, a hang, a dropped connection, or "deliver, then hang" (the response is lost
 *   after delivery, the case that makes retries need the idempotency key);
 * - can be closed to refuse connections: `refuseConnections()`.
 *
 * Browser tests, whose stand-in lives in another process, drive it over HTTP:
 * POST /__stand-in/script (JSON list of answers), GET /__stand-in/state, POST /__stand-in/reset.
 * Run it alone with `node tests/support/resend-stand-in.ts [port]`.
 */

export type ScriptedAnswer =
  /** Accept and deliver (the default when nothing is scripted). */
  | { readonly kind: 'accept' }
  /** 429 rate_limit_exceeded, with a Retry-After header in seconds. */
  | { readonly kind: 'rate-limit'; readonly retryAfterSeconds?: number }
  /** An error status with Resend's error body, e.g. 500 internal_server_error or 422 validation_error. */
  | { readonly kind: 'error'; readonly status: number; readonly name?: string }
  /** 200 with a body that is not JSON. */
  | { readonly kind: 'malformed-json' }
  /** Never answer (until the stand-in is closed). With `afterDelivery`, deliver first: the answer is lost. */
  | { readonly kind: 'hang'; readonly afterDelivery?: boolean }
  /** Close the connection without an answer. */
  | { readonly kind: 'drop' }
  /** Take `ms` to process (the key is in flight meanwhile), then deliver and answer. */
  | { readonly kind: 'slow'; readonly ms: number };

export interface RecordedRequest {
  /** When it arrived (Date.now()). */
  readonly at: number;
  readonly method: string;
  readonly path: string;
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly rawBody: string;
  /** The body as JSON, or undefined when it is not JSON. */
  readonly body: unknown;
  /** What the stand-in did with it. */
  answer?: ScriptedAnswer['kind'] | 'unauthorised' | 'invalid' | 'duplicate' | 'conflict' | 'in-flight';
}

export interface Delivery {
  readonly id: string;
  readonly idempotencyKey: string | undefined;
  readonly email: Readonly<Record<string, unknown>>;
}

export interface ResendStandIn {
  /** Base URL for the SDK, e.g. http://127.0.0.1:43121 */
  readonly url: string;
  readonly port: number;
  readonly requests: RecordedRequest[];
  /** The inbox: each email accepted once. */
  readonly deliveries: Delivery[];
  /** Queues answers for the next POST /emails calls; afterwards it accepts again. */
  script(...answers: ScriptedAnswer[]): void;
  /** Forgets requests, deliveries, idempotency keys and scripts. */
  reset(): void;
  /** Stops listening and drops open connections: from now on connections are refused. */
  refuseConnections(): Promise<void>;
  close(): Promise<void>;
}

export interface StandInOptions {
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** When set, requests must carry `Authorization: Bearer <apiKey>` or get 401. */
  readonly apiKey?: string;
  readonly host?: string;
}

const MAX_BODY_BYTES = 1024 * 1024;

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    request.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > MAX_BODY_BYTES) request.destroy(new Error('body too large'));
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

function resendError(response: ServerResponse, status: number, name: string, message: string, headers: Record<string, string> = {}) {
  sendJson(response, status, { statusCode: status, name, message }, headers);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Resend's own minimum for POST /emails: from, to, subject and a body. */
function missingEmailField(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return 'body';
  const email = body as Record<string, unknown>;
  for (const field of ['from', 'to', 'subject'] as const) if (!email[field]) return field;
  if (!email.text && !email.html) return 'text or html';
  return undefined;
}

export async function startResendStandIn(options: StandInOptions = {}): Promise<ResendStandIn> {
  const requests: RecordedRequest[] = [];
  const deliveries: Delivery[] = [];
  const keys = new Map<string, { readonly payloadHash: string; readonly id: string }>();
  const inFlight = new Set<string>();
  let queue: ScriptedAnswer[] = [];

  function deliver(key: string | undefined, email: Record<string, unknown>, payloadHash: string): string {
    const id = randomUUID();
    deliveries.push({ id, idempotencyKey: key, email });
    if (key) keys.set(key, { payloadHash, id });
    return id;
  }

  async function handleEmails(request: IncomingMessage, response: ServerResponse, recorded: RecordedRequest) {
    if (options.apiKey && recorded.headers.authorization !== `Bearer ${options.apiKey}`) {
      recorded.answer = 'unauthorised';
      return resendError(response, 401, 'missing_api_key', 'Missing API key in the authorization header.');
    }
    const key = recorded.headers['idempotency-key'];
    if (key && inFlight.has(key)) {
      recorded.answer = 'in-flight';
      return resendError(response, 409, 'concurrent_idempotent_requests', 'Same idempotency key used while original request is still in progress.');
    }
    const answer = queue.shift() ?? { kind: 'accept' };
    recorded.answer = answer.kind;
    if (answer.kind === 'slow' && key) inFlight.add(key);
    if (answer.kind === 'slow') await new Promise((resolve) => setTimeout(resolve, answer.ms));
    if (key) inFlight.delete(key);
    switch (answer.kind) {
      case 'rate-limit':
        return resendError(response, 429, 'rate_limit_exceeded', 'Too many requests.', {
          'retry-after': String(answer.retryAfterSeconds ?? 1),
        });
      case 'error':
        return resendError(response, answer.status, answer.name ?? (answer.status >= 500 ? 'internal_server_error' : 'validation_error'), 'Scripted error.');
      case 'malformed-json':
        response.writeHead(200, { 'content-type': 'application/json' });
        return response.end('{"id": "half a respon');
      case 'drop':
        return request.socket.destroy();
      case 'hang':
        if (!answer.afterDelivery) return; // the request is in, nothing happens, no answer comes
        break;
      case 'accept':
      case 'slow':
        break;
    }

    const missing = missingEmailField(recorded.body);
    if (missing) {
      recorded.answer = 'invalid';
      return resendError(response, 422, 'validation_error', `Missing \`${missing}\` field.`);
    }
    const email = recorded.body as Record<string, unknown>;
    const payloadHash = createHash('sha256').update(recorded.rawBody).digest('hex');
    const known = key ? keys.get(key) : undefined;
    if (known && known.payloadHash !== payloadHash) {
      recorded.answer = 'conflict';
      return resendError(response, 409, 'invalid_idempotent_request', 'Same idempotency key used with a different request payload.');
    }
    if (known) recorded.answer = 'duplicate';
    const id = known ? known.id : deliver(key, email, payloadHash);
    if (answer.kind === 'hang') return; // delivered, but the answer never comes
    return sendJson(response, 200, { id });
  }

  async function handleControl(path: string, response: ServerResponse, recorded: RecordedRequest) {
    if (path === '/__stand-in/state') return sendJson(response, 200, { requests, deliveries });
    if (path === '/__stand-in/reset') {
      standIn.reset();
      return sendJson(response, 200, { ok: true });
    }
    if (path === '/__stand-in/script' && Array.isArray(recorded.body)) {
      standIn.script(...(recorded.body as ScriptedAnswer[]));
      return sendJson(response, 200, { ok: true, queued: queue.length });
    }
    return sendJson(response, 404, { ok: false });
  }

  const server: Server = createServer(async (request, response) => {
    const rawBody = await readBody(request).catch(() => '');
    const path = new URL(request.url ?? '/', 'http://stand-in').pathname;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    const recorded: RecordedRequest = { at: Date.now(), method: request.method ?? '', path, headers, rawBody, body: parseJson(rawBody) };

    if (path.startsWith('/__stand-in/')) return handleControl(path, response, recorded);
    requests.push(recorded);
    if (request.method === 'POST' && path === '/emails') return handleEmails(request, response, recorded);
    return resendError(response, 404, 'not_found', 'The requested endpoint does not exist.');
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  let listening = true;

  async function stop(): Promise<void> {
    if (!listening) return;
    listening = false;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  }

  const standIn: ResendStandIn = {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    requests,
    deliveries,
    script: (...answers) => {
      queue.push(...answers);
    },
    reset: () => {
      requests.length = 0;
      deliveries.length = 0;
      keys.clear();
      inFlight.clear();
      queue = [];
    },
    refuseConnections: stop,
    close: stop,
  };
  return standIn;
}

// `node tests/support/resend-stand-in.ts [port]` runs it on its own, for manual checks and browser tests.
if (import.meta.main) {
  const standIn = await startResendStandIn({ port: Number(process.argv[2] ?? 0) });
  console.log(`Resend stand-in listening on ${standIn.url}`);
}
