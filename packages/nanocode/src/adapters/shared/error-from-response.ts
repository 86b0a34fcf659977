import { AdapterError, type AdapterErrorCode } from '../../spec/adapter.js';
import { parseRetryAfter } from './parse-retry-after.js';
import { redactSecrets } from './redact-secrets.js';

/** Provider messages are cut to this length in error messages. */
const MESSAGE_LIMIT = 500;

const CONTEXT_CODES = new Set(['context_length_exceeded', 'string_above_max_length', 'request_too_large']);
const CONTEXT_TEXT = /context length|context window|maximum context|prompt is too long|too many tokens/i;
const FILTER_CODES = new Set(['content_filter', 'content_policy_violation']);

/**
 * Turns a non-2xx provider response into one {@link AdapterError}. Reads OpenAI-style
 * (`{error:{message,type,code}}`) and Anthropic-style (`{type:'error',error:{type,message}}`) bodies:
 * a context-length error becomes `context_length`, a content-policy refusal `content_filter`, and the
 * rest is classified by status ({@link AdapterError.fromStatus}). The message holds the provider, the
 * status and the provider's own message with `secrets` redacted; never request headers.
 */
export function errorFromResponse(options: {
  status: number;
  body: string;
  headers: Headers;
  provider: string;
  secrets: readonly string[];
  nowMs: number;
}): AdapterError {
  const { status, provider } = options;
  const detail = providerError(options.body);
  const text = redactSecrets({
    text: (detail.message ?? options.body).slice(0, MESSAGE_LIMIT),
    secrets: options.secrets,
  });
  const message = `${provider}: HTTP ${status}${text.trim() ? `: ${text.trim()}` : ''}`;
  const retryAfter = parseRetryAfter({ headers: options.headers, nowMs: options.nowMs });
  const special = specialCode({ status, ...detail });
  if (special !== undefined) return new AdapterError({ code: special, message, retryable: false, status });
  return AdapterError.fromStatus({
    status,
    message,
    ...(retryAfter === undefined ? {} : { retry_after_ms: retryAfter }),
  });
}

function specialCode(options: {
  status: number;
  code?: string;
  type?: string;
  message?: string;
}): AdapterErrorCode | undefined {
  if (options.status >= 500 || options.status === 429) return undefined;
  const ids = [options.code, options.type].filter((id): id is string => id !== undefined);
  if (ids.some((id) => CONTEXT_CODES.has(id)) || CONTEXT_TEXT.test(options.message ?? '')) {
    return 'context_length';
  }
  if (ids.some((id) => FILTER_CODES.has(id))) return 'content_filter';
  return undefined;
}

function providerError(body: string): { message?: string; code?: string; type?: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return {};
  }
  const error = isRecord(parsed) && isRecord(parsed.error) ? parsed.error : undefined;
  if (error === undefined) return isRecord(parsed) ? stringFields(parsed) : {};
  return stringFields(error);
}

function stringFields(record: Record<string, unknown>): { message?: string; code?: string; type?: string } {
  return {
    ...(typeof record.message === 'string' ? { message: record.message } : {}),
    ...(typeof record.code === 'string' ? { code: record.code } : {}),
    ...(typeof record.type === 'string' ? { type: record.type } : {}),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
