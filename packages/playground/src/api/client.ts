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

const KEY_STORAGE = 'nanocode.apiKey';

/** The API key the user entered (kept in this browser's session storage only), or undefined. */
export function readApiKey(): string | undefined {
  try {
    return globalThis.sessionStorage?.getItem(KEY_STORAGE) ?? undefined;
  } catch {
    return undefined;
  }
}

/** Stores (or, with an empty string, forgets) the API key for this browser session. */
export function writeApiKey(key: string): void {
  if (key === '') globalThis.sessionStorage?.removeItem(KEY_STORAGE);
  else globalThis.sessionStorage?.setItem(KEY_STORAGE, key);
}

/** Headers for an API call: JSON, plus the bearer key when one is set. */
export function apiHeaders(extra: Record<string, string> = {}): Record<string, string> {
  const key = readApiKey();
  return {
    accept: 'application/json',
    ...(key === undefined ? {} : { authorization: `Bearer ${key}` }),
    ...extra,
  };
}

/** Calls the API and returns its JSON body; a non-2xx reply throws {@link ApiError}. */
export async function apiFetch<T>(
  path: string,
  init: { method?: string; body?: unknown; signal?: AbortSignal; headers?: Record<string, string> } = {},
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: apiHeaders({
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...init.headers,
      }),
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
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
  const text = await response.text();
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = text;
  }
  if (!response.ok) {
    const error = (body as Partial<ApiErrorBody> | undefined)?.error;
    throw new ApiError({
      status: response.status,
      code: error?.code ?? `HTTP_${response.status}`,
      message: error?.message ?? `${response.status} ${response.statusText}`,
      ...(error?.details === undefined ? {} : { details: error.details }),
      body,
    });
  }
  return body as T;
}
