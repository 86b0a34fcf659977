import { describe, expect, it } from 'vitest';
import { errorFromResponse } from './error-from-response.js';

const base = { headers: new Headers(), provider: 'openai', secrets: [] as string[], nowMs: 0 };

describe('errorFromResponse', () => {
  it('maps OpenAI context_length_exceeded to a non-retryable context_length', () => {
    const error = errorFromResponse({
      ...base,
      status: 400,
      body: JSON.stringify({
        error: {
          message: "This model's maximum context length is 10",
          type: 'invalid_request_error',
          code: 'context_length_exceeded',
        },
      }),
    });
    expect(error).toMatchObject({ code: 'context_length', retryable: false, status: 400 });
    expect(error.message).toContain('maximum context length');
  });

  it('maps Anthropic "prompt is too long" and content filters', () => {
    expect(
      errorFromResponse({
        ...base,
        provider: 'anthropic',
        status: 400,
        body: JSON.stringify({
          type: 'error',
          error: { type: 'invalid_request_error', message: 'prompt is too long: 9 tokens > 2 maximum' },
        }),
      }).code,
    ).toBe('context_length');
    expect(
      errorFromResponse({
        ...base,
        status: 400,
        body: JSON.stringify({ error: { code: 'content_filter', message: 'filtered' } }),
      }).code,
    ).toBe('content_filter');
  });

  it('classifies by status and reads Retry-After', () => {
    const limited = errorFromResponse({
      ...base,
      status: 429,
      headers: new Headers({ 'retry-after': '2' }),
      body: '{"error":{"message":"slow down","type":"rate_limit_error"}}',
    });
    expect(limited).toMatchObject({ code: 'rate_limited', retryable: true, retry_after_ms: 2000 });
    expect(errorFromResponse({ ...base, status: 503, body: 'down' })).toMatchObject({
      code: 'unavailable',
      retryable: true,
    });
    expect(errorFromResponse({ ...base, status: 401, body: '' })).toMatchObject({
      code: 'auth',
      retryable: false,
    });
    expect(errorFromResponse({ ...base, status: 404, body: '' })).toMatchObject({
      code: 'not_found',
      retryable: false,
    });
    expect(errorFromResponse({ ...base, status: 422, body: '' })).toMatchObject({
      code: 'bad_request',
      retryable: false,
    });
  });

  it('redacts secrets the provider echoes', () => {
    const error = errorFromResponse({
      ...base,
      secrets: ['sk-secret-123'],
      status: 401,
      body: JSON.stringify({ error: { message: 'Incorrect API key provided: sk-secret-123' } }),
    });
    expect(error.message).not.toContain('sk-secret-123');
    expect(error.message).toContain('[redacted]');
  });
});
