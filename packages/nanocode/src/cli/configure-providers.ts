import { stringify } from 'yaml';

/** A variable a provider needs in `.env`. */
export interface ProviderVariable {
  name: string;
  /** What to ask for. */
  label: string;
  /** Secrets are typed without echo and printed only masked. */
  secret: boolean;
  /** Used when nothing is given and `.env` has no value yet; absent means "ask, or leave unset". */
  default?: string;
}

/** A provider `nanocode configure` can set up: its variables and its `profiles/local.yaml` entry. */
export interface ProviderSetup {
  name: ProviderName;
  variables: ProviderVariable[];
  /** The adapter allow-list glob of the profile. */
  allow: string;
  /** The `providers.<name>` entry of the profile; it references variables, never values. */
  entry: Record<string, unknown>;
}

/** The providers `nanocode configure --provider` accepts. */
export const PROVIDER_NAMES = ['openai', 'anthropic', 'ollama', 'vllm', 'http'] as const;

/** One of {@link PROVIDER_NAMES}. */
export type ProviderName = (typeof PROVIDER_NAMES)[number];

/** `${NAME}`: how a profile refers to an environment variable. */
function ref(name: string): string {
  return `\${${name}}`;
}

const SETUPS: Record<ProviderName, ProviderSetup> = {
  openai: {
    name: 'openai',
    variables: [{ name: 'OPENAI_API_KEY', label: 'OpenAI API key', secret: true }],
    allow: 'openai:*',
    entry: { api_key: ref('OPENAI_API_KEY') },
  },
  anthropic: {
    name: 'anthropic',
    variables: [{ name: 'ANTHROPIC_API_KEY', label: 'Anthropic API key', secret: true }],
    allow: 'anthropic:*',
    entry: { api_key: ref('ANTHROPIC_API_KEY') },
  },
  ollama: {
    name: 'ollama',
    variables: [
      {
        name: 'OLLAMA_BASE_URL',
        label: 'Ollama base URL',
        secret: false,
        default: 'http://127.0.0.1:11434/v1',
      },
      {
        name: 'OLLAMA_API_KEY',
        label: 'Ollama API key (ignored by Ollama)',
        secret: true,
        default: 'ollama',
      },
    ],
    allow: 'ollama:*',
    // Local models on a CPU are slow.
    entry: {
      type: 'openai',
      base_url: ref('OLLAMA_BASE_URL'),
      api_key: ref('OLLAMA_API_KEY'),
      timeout_ms: 120000,
    },
  },
  vllm: {
    name: 'vllm',
    variables: [
      { name: 'VLLM_BASE_URL', label: 'vLLM base URL', secret: false, default: 'http://127.0.0.1:8000/v1' },
      { name: 'VLLM_API_KEY', label: 'vLLM API key (its --api-key)', secret: true, default: 'EMPTY' },
    ],
    allow: 'vllm:*',
    entry: { type: 'openai', base_url: ref('VLLM_BASE_URL'), api_key: ref('VLLM_API_KEY') },
  },
  http: {
    name: 'http',
    variables: [
      { name: 'HTTP_MODEL_URL', label: 'HTTP model endpoint URL', secret: false },
      { name: 'HTTP_MODEL_TOKEN', label: 'HTTP model bearer token', secret: true },
    ],
    allow: 'http:*',
    // A starting point: the body and response paths must match the endpoint (docs/adapters.md).
    entry: {
      base_url: ref('HTTP_MODEL_URL'),
      headers: { authorization: `Bearer ${ref('HTTP_MODEL_TOKEN')}` },
      http: {
        method: 'POST',
        body: { prompt: '{{ prompt }}', system: '{{ system }}', max_tokens: '{{ max_tokens }}' },
        response: { text: 'text' },
      },
    },
  },
};

/** True when `name` is one of {@link PROVIDER_NAMES}. */
export function isProviderName(name: string): name is ProviderName {
  return (PROVIDER_NAMES as readonly string[]).includes(name);
}

/** The set-up of a provider. */
export function providerSetup(options: { name: ProviderName }): ProviderSetup {
  return SETUPS[options.name];
}

/**
 * The text of `profiles/local.yaml` for `providers`: an allow-list and one `providers` entry each, with
 * keys and URLs as `${NAME}` references (a literal key in a profile is a config error, and a leak).
 */
export function localProfileYaml(options: { providers: ProviderName[] }): string {
  const setups = options.providers.map((name) => SETUPS[name]);
  const profile = {
    kind: 'profile',
    name: 'local',
    description: 'Local providers set up by nanocode configure.',
    adapters: { allow: ['scripted:*', ...setups.map((setup) => setup.allow)] },
    providers: Object.fromEntries(setups.map((setup) => [setup.name, setup.entry])),
  };
  const header = [
    '# Written by `nanocode configure`. Values live in .env; this file only names them.',
    ...(options.providers.includes('http')
      ? ['# The http provider is a start: match its body and response to the endpoint.']
      : []),
  ];
  return `${header.join('\n')}\n${stringify(profile)}`;
}

/**
 * True for the few settings whose values may be printed: the non-secret provider variables (base URLs)
 * and the CLI's own switches. Every other name, including ones this catalog does not know, is masked.
 */
export function isPlainSetting(options: { name: string }): boolean {
  if (options.name === 'NANOCODE_DEBUG' || options.name === 'NO_COLOR') return true;
  return Object.values(SETUPS).some((setup) =>
    setup.variables.some((variable) => variable.name === options.name && !variable.secret),
  );
}
