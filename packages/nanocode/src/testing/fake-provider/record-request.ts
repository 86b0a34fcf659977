import type { IncomingMessage } from 'node:http';
import type { FakeRequest, FakeRoute } from './fake-provider-types.js';

const CREDENTIAL_HEADERS = new Set([
  'authorization',
  'x-api-key',
  'api-key',
  'proxy-authorization',
  'cookie',
]);

/**
 * The record of one request, without its credentials: the key headers are dropped and only
 * `authorized` (a non-empty key was sent) is kept, so a test log or snapshot never holds a key.
 */
export function recordRequest(options: {
  req: IncomingMessage;
  route: FakeRoute;
  rawBody: string;
}): FakeRequest {
  const { req } = options;
  const headers: Record<string, string> = {};
  let authorized = false;
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(', ') : value;
    if (CREDENTIAL_HEADERS.has(name)) {
      if (name !== 'cookie' && name !== 'proxy-authorization') authorized ||= hasKey({ name, value: text });
      continue;
    }
    headers[name] = text;
  }
  return {
    method: req.method ?? 'GET',
    path: new URL(req.url ?? '/', 'http://fake').pathname,
    route: options.route,
    headers,
    authorized,
    body: parseBody({ rawBody: options.rawBody }),
  };
}

function hasKey(options: { name: string; value: string }): boolean {
  const key = options.name === 'authorization' ? options.value.replace(/^Bearer\s+/i, '') : options.value;
  return key.trim() !== '' && key.trim().toLowerCase() !== 'bearer';
}

function parseBody(options: { rawBody: string }): unknown {
  if (options.rawBody === '') return undefined;
  try {
    return JSON.parse(options.rawBody);
  } catch {
    return options.rawBody;
  }
}

/** Which route a method and path address. */
export function routeOf(options: { method: string; path: string }): FakeRoute {
  const { method, path } = options;
  if (method === 'POST' && path === '/v1/chat/completions') return 'openai';
  if (method === 'POST' && path === '/v1/messages') return 'anthropic';
  if (method === 'POST' && path === '/custom/generate') return 'custom';
  if (method === 'GET' && path === '/v1/models') return 'models';
  return 'unknown';
}
