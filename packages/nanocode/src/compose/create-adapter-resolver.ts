import { createAnthropicAdapter } from '../adapters/anthropic/create-anthropic-adapter.js';
import { createHttpAdapter } from '../adapters/http/create-http-adapter.js';
import { createOpenAIAdapter } from '../adapters/openai/create-openai-adapter.js';
import { createScriptedAdapter } from '../adapters/scripted/create-scripted-adapter.js';
import { type PriceTable, withRequestDefaults } from '../adapters/shared/index.js';
import { resolveSecret } from '../config/env-references.js';
import type { Adapter, AdapterResolver } from '../spec/adapter.js';
import type { ModelAlias, ProviderConfig, ResolvedConfig } from '../spec/workflow.js';

/** Options of {@link createAdapterResolver}. */
export interface AdapterResolverOptions {
  config: ResolvedConfig;
  /** Where `${NAME}` in provider `base_url`, `api_key` and headers are read from, when an adapter is built. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Adapters built in code, keyed by `provider:model` or alias; they take precedence. */
  extra?: Readonly<Record<string, Adapter>>;
  /** The `fetch` the HTTP adapters use (default: the global one). */
  fetch?: typeof fetch;
}

/**
 * Builds the adapter resolver for one run. Create a new one per run: scripted adapters count calls.
 * A reference is `provider:model` or an alias from the profile's `models`. Only providers declared in
 * the profile are built (nothing calls a provider that config does not name); secrets are read from
 * `env` when an adapter is first built, so the resolved config only ever holds the references.
 */
export function createAdapterResolver(options: AdapterResolverOptions): AdapterResolver {
  const cache = new Map<string, Adapter>();
  const { profile, workflow } = options.config;
  return (ref) => {
    const known = options.extra?.[ref] ?? cache.get(ref);
    if (known) return known;
    const alias = !ref.includes(':') && Object.hasOwn(profile.models, ref) ? profile.models[ref] : undefined;
    const target = alias?.ref ?? ref;
    const [provider = '', ...rest] = target.split(':');
    const model = rest.join(':');
    let adapter: Adapter | undefined;
    if (provider === 'scripted') {
      const replies = workflow.scripted?.[model];
      adapter = replies === undefined ? undefined : createScriptedAdapter({ model, replies });
    } else if (model !== '' && Object.hasOwn(profile.providers, provider)) {
      const settings = profile.providers[provider];
      if (settings !== undefined) {
        adapter = buildAdapter({
          name: provider,
          model,
          settings,
          alias,
          env: options.env ?? {},
          fetch: options.fetch,
        });
      }
    }
    if (adapter === undefined) return undefined;
    if (alias !== undefined) {
      adapter = withRequestDefaults({
        adapter,
        ...(alias.temperature === undefined ? {} : { temperature: alias.temperature }),
        ...(alias.max_tokens === undefined ? {} : { max_tokens: alias.max_tokens }),
      });
    }
    cache.set(ref, adapter);
    return adapter;
  };
}

function buildAdapter(options: {
  name: string;
  model: string;
  settings: ProviderConfig;
  alias: ModelAlias | undefined;
  env: Readonly<Record<string, string | undefined>>;
  fetch: typeof fetch | undefined;
}): Adapter | undefined {
  const { name, model, settings, alias, env } = options;
  const secret = (value: string | undefined) =>
    value === undefined ? undefined : resolveSecret({ value, env });
  const headers = Object.fromEntries(
    Object.entries(settings.headers ?? {}).map(([header, value]) => [header, resolveSecret({ value, env })]),
  );
  // Header values that came from the environment are redacted from error messages like keys.
  const secrets = Object.entries(settings.headers ?? {})
    .filter(([, value]) => value.includes('${'))
    .map(([header]) => headers[header] ?? '')
    .filter((value) => value !== '');
  const prices: PriceTable = { ...settings.prices, ...(alias?.prices ? { [model]: alias.prices } : {}) };
  const apiKey = secret(settings.api_key);
  const baseUrl = secret(settings.base_url);
  const common = {
    model,
    prices,
    headers,
    connectTimeoutMs: settings.connect_timeout_ms,
    totalTimeoutMs: alias?.timeout_ms ?? settings.timeout_ms,
    ...(apiKey === undefined ? {} : { apiKey }),
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  };
  switch (settings.type) {
    case 'openai':
      return createOpenAIAdapter({
        ...common,
        provider: name,
        secrets,
        ...(baseUrl === undefined ? {} : { baseUrl }),
      });
    case 'anthropic':
      return createAnthropicAdapter({
        ...common,
        provider: name,
        secrets,
        ...(baseUrl === undefined ? {} : { baseUrl }),
      });
    case 'http':
      if (settings.http === undefined || baseUrl === undefined) return undefined;
      return createHttpAdapter({ ...common, provider: name, secrets, url: baseUrl, endpoint: settings.http });
    default:
      return undefined;
  }
}
