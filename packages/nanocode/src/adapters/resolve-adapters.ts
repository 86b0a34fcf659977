import type { Adapter, AdapterResolver } from '../spec/adapter.js';
import type { ResolvedConfig } from '../spec/workflow.js';
import { createScriptedAdapter } from './scripted/create-scripted-adapter.js';

/**
 * Builds the adapter resolver for one run. Create a new one per run: scripted adapters count calls.
 * `extra` adapters (keyed by `provider:model`) take precedence, for adapters built in code.
 */
export function createAdapterResolver(options: {
  config: ResolvedConfig;
  env?: Readonly<Record<string, string | undefined>>;
  extra?: Readonly<Record<string, Adapter>>;
}): AdapterResolver {
  const cache = new Map<string, Adapter>();
  return (ref) => {
    const known = options.extra?.[ref] ?? cache.get(ref);
    if (known) return known;
    const [provider, ...rest] = ref.split(':');
    const model = rest.join(':');
    if (provider === 'scripted') {
      const replies = options.config.workflow.scripted?.[model];
      if (replies === undefined) return undefined;
      const adapter = createScriptedAdapter({ model, replies });
      cache.set(ref, adapter);
      return adapter;
    }
    return undefined;
  };
}
