import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Engine } from '../engine';
import { API_VERSION } from '../state/events';
import { randomToken } from '../state/ids';
import type { Logger } from '../types';
import { StripeApiError, invalidRequest, type ErrorBody } from './errors';
import { parseForm, type FormObject } from './form';
import { invoiceHtml, invoicePdf } from './hosted-invoice';
import { IdempotencyStore, fingerprint } from './idempotency';
import type { Router } from './router';

const MAX_BODY_BYTES = 1024 * 1024;

interface Reply {
  status: number;
  body: string;
}

/** The HTTP face of the simulator: Stripe's auth, headers, errors and idempotency around the routes. */
export function createRequestHandler(engine: Engine, router: Router, logger: Logger) {
  const idempotency = new IdempotencyStore();

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL, requestId: string): Promise<Reply> {
    const keyError = authError(headerValue(req, 'authorization'));
    if (keyError) return drained(req, { status: 401, body: errorJson(keyError) });
    const method = req.method ?? 'GET';
    const run = (params: FormObject, key: string | null) =>
      execute(engine, router, method, url.pathname, params, { id: requestId, idempotency_key: key });
    const key = method === 'POST' ? headerValue(req, 'idempotency-key') : undefined;
    if (key === undefined) return run(await readParams(req, url, method), null);
    if (!idempotency.begin(key)) {
      res.setHeader('Stripe-Should-Retry', 'true');
      return drained(req, { status: 409, body: errorJson(inUse(key)) });
    }
    try {
      const params = await readParams(req, url, method);
      const print = fingerprint(method, url.pathname, params);
      res.setHeader('Idempotency-Key', key);
      const prior = idempotency.lookup(key);
      if (prior && prior.fingerprint !== print) return { status: 400, body: errorJson(mismatch(key)) };
      if (prior) {
        res.setHeader('Request-Id', prior.response.requestId);
        res.setHeader('Idempotent-Replayed', 'true');
        return prior.response;
      }
      const reply = run(params, key);
      if (reply.replayable) idempotency.save(key, print, { ...reply, requestId });
      return reply;
    } finally {
      idempotency.end(key);
    }
  }

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://simulator');
    const requestId = `req_${randomToken(14)}`;
    res.setHeader('Request-Id', requestId);
    res.setHeader('Stripe-Version', headerValue(req, 'stripe-version') ?? API_VERSION);
    try {
      if (!url.pathname.startsWith('/v1/')) return await serveHosted(engine, url.pathname, req, res);
      send(res, await handleApi(req, res, url, requestId));
    } catch (error) {
      // A client that hung up mid-request gets no answer (and is no simulator failure).
      if (req.socket.destroyed || res.writableEnded) return;
      send(res, errorReply(error, logger, req));
    }
  };
}

/** Query string and (for POST) form body, as one set of parameters. */
async function readParams(req: IncomingMessage, url: URL, method: string): Promise<FormObject> {
  const body = method === 'POST' ? parseForm(await readBody(req)) : {};
  return { ...parseForm(url.search.slice(1)), ...body };
}

function execute(
  engine: Engine,
  router: Router,
  method: string,
  path: string,
  params: FormObject,
  request: { id: string; idempotency_key: string | null },
): Reply & { replayable: boolean } {
  const match = router.match(method, path);
  if (!match) {
    const message = `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`;
    return { status: 404, body: errorJson({ type: 'invalid_request_error', message }), replayable: false };
  }
  const deferred: Array<() => void> = [];
  try {
    const { result } = engine.transact(request, (ctx) =>
      match.route.handler(ctx, { params, path: match.path, defer: (t) => deferred.push(t) }),
    );
    for (const task of deferred) task();
    return { status: 200, body: JSON.stringify(result, null, 2), replayable: true };
  } catch (error) {
    if (!(error instanceof StripeApiError)) throw error;
    return { status: error.status, body: errorJson(error.body), replayable: error.options.replayable !== false };
  }
}

function errorReply(error: unknown, logger: Logger, req: IncomingMessage): Reply {
  if (error instanceof StripeApiError) return { status: error.status, body: errorJson(error.body) };
  logger.warn(
    { err: error instanceof Error ? error.stack : String(error), method: req.method, url: req.url },
    'stripe simulator request failed',
  );
  return {
    status: 500,
    body: errorJson({ type: 'api_error', message: 'An unknown error occurred in the Stripe simulator.' }),
  };
}

function authError(authorization: string | undefined): ErrorBody | undefined {
  const key = apiKeyOf(authorization);
  if (!key) {
    return {
      type: 'invalid_request_error',
      message:
        "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.",
    };
  }
  if (/^sk_test_\w+$/.test(key)) return undefined;
  return {
    type: 'invalid_request_error',
    message: `Invalid API Key provided: ${key.slice(0, 8)}${'*'.repeat(Math.max(0, key.length - 12))}${key.slice(-4)}`,
  };
}

function apiKeyOf(authorization: string | undefined): string | undefined {
  if (!authorization) return undefined;
  const [scheme, value = ''] = authorization.trim().split(/\s+/, 2);
  if (scheme?.toLowerCase() === 'bearer') return value || undefined;
  if (scheme?.toLowerCase() === 'basic')
    return Buffer.from(value, 'base64').toString('utf8').split(':')[0] || undefined;
  return undefined;
}

function inUse(key: string): ErrorBody {
  return {
    type: 'idempotency_error',
    code: 'idempotency_key_in_use',
    message: `There is currently another in-progress request using this Stripe token (probably the same idempotency key '${key}'). Please retry your request.`,
  };
}

function mismatch(key: string): ErrorBody {
  return {
    type: 'idempotency_error',
    message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
  };
}

function errorJson(body: ErrorBody): string {
  return JSON.stringify({ error: new StripeApiError(0, body).body }, null, 2);
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function send(res: ServerResponse, reply: Reply): void {
  res.statusCode = reply.status;
  res.setHeader('Content-Type', 'application/json');
  res.end(reply.body);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw invalidRequest('The request body is too large.');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads and discards the body so the connection stays usable, then answers `reply`. */
async function drained(req: IncomingMessage, reply: Reply): Promise<Reply> {
  req.resume();
  await new Promise((resolve) => (req.readableEnded ? resolve(undefined) : req.once('end', resolve)));
  return reply;
}

async function serveHosted(engine: Engine, path: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  req.resume();
  const match = /^\/hosted\/invoices\/(in_\w+)(\/pdf)?$/.exec(path);
  const invoice = match?.[1] ? engine.store.table('invoice')[match[1]] : undefined;
  if (!invoice || req.method !== 'GET') {
    res.statusCode = 404;
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.end('Not found');
    return;
  }
  if (match?.[2]) {
    res.setHeader('Content-Type', 'application/pdf');
    res.end(invoicePdf(invoice));
  } else {
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.end(invoiceHtml(invoice));
  }
}
