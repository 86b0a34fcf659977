import { ApiError, type ApiErrorBody, apiHeaders } from './client.js';

/**
 * Calls the API for a reply that is not (only) JSON: a text body to send, a stream or a file to read.
 * It sends the bearer key like {@link apiFetch}, and turns a non-2xx reply or a network failure into an
 * {@link ApiError} with the server's code; the caller reads the body of a 2xx `Response` itself.
 */
export async function apiRequest(
  path: string,
  init: { method?: string; body?: string; headers?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: apiHeaders(init.headers),
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
  let body: unknown = text;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  const error = (body as Partial<ApiErrorBody> | undefined)?.error;
  throw new ApiError({
    status: response.status,
    code: error?.code ?? `HTTP_${response.status}`,
    message: error?.message ?? `${response.status} ${response.statusText}`,
    ...(error?.details === undefined ? {} : { details: error.details }),
    body,
  });
}
