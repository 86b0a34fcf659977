/** The OpenAI error body (`ErrorResponse` of the OpenAI OpenAPI document): every `/v1` error has it. */
export interface OpenAiErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

/** The OpenAI error `type` that goes with an HTTP status, as OpenAI's own API uses them. */
export function openAiErrorType(options: { status: number }): string {
  const { status } = options;
  if (status === 401) return 'authentication_error';
  if (status === 403) return 'permission_error';
  if (status === 404 || status === 400 || status === 413) return 'invalid_request_error';
  if (status === 429) return 'rate_limit_error';
  return 'server_error';
}

/** An OpenAI-shaped error body; `type` follows the status unless given. */
export function openAiError(options: {
  status: number;
  message: string;
  code: string | null;
  param?: string;
  type?: string;
}): OpenAiErrorBody {
  return {
    error: {
      message: options.message,
      type: options.type ?? openAiErrorType({ status: options.status }),
      param: options.param ?? null,
      code: options.code,
    },
  };
}

/** A JSON response carrying `body` (any extra top-level fields kept) with the given status and headers. */
export function jsonResponse(options: {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}): Response {
  return new Response(JSON.stringify(options.body), {
    status: options.status,
    headers: { 'content-type': 'application/json', ...options.headers },
  });
}
