import type { ResolvedConfig } from '../../spec/workflow.js';

/**
 * The longest a single model call of a run of `config` may take: the largest `timeout_ms` among the
 * profile's providers and model aliases (0 when it declares none, e.g. scripted replies only). A worker
 * that falls silent is resumed elsewhere only after this much silence and more, so a call still running
 * behind a network partition has ended before another worker repeats it.
 */
export function longestAttemptMs(options: { config: ResolvedConfig }): number {
  const { profile } = options.config;
  const timeouts = [
    ...Object.values(profile.providers).map((provider) => provider.timeout_ms),
    ...Object.values(profile.models).map((alias) => alias.timeout_ms ?? 0),
  ];
  return Math.max(0, ...timeouts);
}
