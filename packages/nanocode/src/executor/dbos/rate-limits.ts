import { NanocodeError } from '../../spec/errors.js';

/** A provider's quota: at most `requests` model calls started per `period_ms`, across all workers. */
export interface ProviderRateLimit {
  provider: string;
  requests: number;
  period_ms: number;
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * Parses rate limits written `provider=requests/period`, e.g. `openai=500/1m` or `fake=5/1s`; several
 * are separated by commas (the environment form). The period is a number with `ms`, `s`, `m` or `h`.
 * A malformed entry, or a provider given twice, is `NC_EXEC_CONFIG`.
 */
export function parseRateLimits(options: { specs: readonly string[] }): ProviderRateLimit[] {
  const limits: ProviderRateLimit[] = [];
  for (const spec of options.specs.flatMap((s) => s.split(',')).map((s) => s.trim())) {
    if (spec === '') continue;
    const match = /^([a-z][a-z0-9_-]*)=(\d+)\/(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(spec);
    const requests = Number(match?.[2]);
    const period_ms = Number(match?.[3]) * (UNIT_MS[match?.[4] ?? ''] ?? Number.NaN);
    if (match === null || !(requests >= 1) || !(period_ms >= 1)) {
      throw new NanocodeError({
        code: 'NC_EXEC_CONFIG',
        message: `rate limit ${JSON.stringify(spec)} is not provider=requests/period`,
        hint: 'e.g. openai=500/1m or anthropic=50/1s (period in ms, s, m or h)',
      });
    }
    const provider = match[1] as string;
    if (limits.some((l) => l.provider === provider)) {
      throw new NanocodeError({ code: 'NC_EXEC_CONFIG', message: `rate limit for ${provider} given twice` });
    }
    limits.push({ provider, requests, period_ms });
  }
  return limits;
}
