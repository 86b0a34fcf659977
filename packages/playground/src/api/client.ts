/**
 * The playground's only way to the server: the public HTTP API (`/api/...`), with the API key as a
 * bearer token when one is set. Every failure becomes an {@link ApiError} carrying the server's stable
 * error code, so views can show it instead of guessing.
 */

/** The error body every API route returns (`server/api-error.ts`). */
export interface ApiErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

/** A failed API call: the HTTP status and the server's error code and message. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Record<string, unknown> | undefined;
  readonly body: unknown;
  constructor(options: {
    status: number;
    code: string;
    message: string;
    details?: Record<string, unknown>;
    body?: unknown;
  }) {
    super(options.message);
    this.name = 'ApiError';
    this.status = options.status;
    this.code = options.code;
    this.details = options.details;
    this.body = options.body;
  }
}

/** Any failure as an {@link ApiError}: one thrown by the client as it is, anything else with code `CLIENT`. */
export function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError({
    status: 0,
    code: 'CLIENT',
    message: error instanceof Error ? error.message : String(error),
  });
}

/** A failure in one line: `CODE: message` for an API error, the message for anything else. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

const KEY_STORAGE = 'nanocode.apiKey';

/** The API key the user entered (kept in this browser's session storage only), or undefined. */
export function readApiKey(): string | undefined {
  try {
    return globalThis.sessionStorage?.getItem(KEY_STORAGE) ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * Stores (or, with an empty string, forgets) the API key for this browser session. False when the
 * browser does not let the page keep it (session storage turned off or full).
 */
export function writeApiKey(key: string): boolean {
  try {
    if (key === '') globalThis.sessionStorage.removeItem(KEY_STORAGE);
    else globalThis.sessionStorage.setItem(KEY_STORAGE, key);
    return true;
  } catch {
    return false;
  }
}

/** A path with a query string of the given values; undefined and '' values are left out. */
export function withQuery(path: string, values: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) {
    if (value !== undefined && value !== '') params.set(name, String(value));
  }
  const search = params.toString();
  return search === '' ? path : `${path}?${search}`;
}

/** What an API call sends besides its path. */
export interface ApiRequestInit {
  /** GET without a body, POST with one, unless given. */
  method?: string;
  /** The body, sent as is; name its type in `headers`. */
  body?: string;
  /** Added to (or replacing) `accept: application/json` and the bearer key. */
  headers?: Record<string, string>;
  signal?: AbortSignal | undefined;
}

/**
 * Calls the API and returns the 2xx `Response` for the caller to read (JSON, a stream, a file). A non-2xx
 * reply or a network failure throws an {@link ApiError} with the server's code; an abort rethrows as is.
 * Only same-origin `/api/` paths are called, so the key never goes anywhere else.
 */
export async function apiRequest(path: string, init: ApiRequestInit = {}): Promise<Response> {
  // A path-absolute `/api/...` stays on this origin; `//host/...` or `https://...` would not.
  if (!path.startsWith('/api/')) {
    throw new ApiError({ status: 0, code: 'CLIENT', message: `not an API path: ${path}` });
  }
  const key = readApiKey();
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: {
        accept: 'application/json',
        ...(key === undefined ? {} : { authorization: `Bearer ${key}` }),
        ...init.headers,
      },
      ...(init.body === undefined ? {} : { body: init.body }),
      ...(init.signal === undefined ? {} : { signal: init.signal }),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError({
      status: 0,
      code: 'NETWORK',
      message: `the server could not be reached (${error instanceof Error ? error.message : String(error)})`,
    });
  }
  if (response.ok) return response;
  const text = await response.text().catch(() => '');
  const body = parseJson(text);
  const error = (body as Partial<ApiErrorBody> | undefined)?.error;
  throw new ApiError({
    status: response.status,
    code: error?.code ?? `HTTP_${response.status}`,
    message: error?.message ?? `${response.status} ${response.statusText}`,
    ...(error?.details === undefined ? {} : { details: error.details }),
    body,
  });
}

/**
 * Calls the API with an optional JSON body and returns the reply's JSON; failures as {@link apiRequest},
 * and a 2xx reply that is not JSON (a proxy's page, say) is an {@link ApiError} with code `BAD_REPLY`.
 */
export async function apiFetch<T>(
  path: string,
  init: Omit<ApiRequestInit, 'body'> & { body?: unknown } = {},
): Promise<T> {
  const { body, headers, ...rest } = init;
  const response = await apiRequest(path, {
    ...rest,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (text === '') return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ApiError({
      status: response.status,
      code: 'BAD_REPLY',
      message: `the reply to ${path} is not JSON (${response.headers.get('content-type') ?? 'no content type'})`,
      body: text.slice(0, 200),
    });
  }
}

/** An error reply's JSON: undefined when empty, the text itself when it is not JSON. */
function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
