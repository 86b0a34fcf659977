/** One file written by `nanocode init`, relative to the project directory. */
export interface ScaffoldFile {
  path: string;
  text: string;
}

const HELLO_WORKFLOW = `# A small workflow that runs offline: the \`scripted\` adapter replays the answers under \`scripted:\`.
# The first scripted answer is wrapped in a code fence, so the \`shape\` constraint fails and the
# recovery ladder retries; the second answer passes. Swap \`scripted:demo\` for a real model
# (e.g. openai:gpt-4o-mini) once you have set its API key.
name: hello
version: 1
description: Greets someone in one short sentence, as JSON.
inputs:
  name: { type: string, minLength: 1, maxLength: 100 }
steps:
  greet:
    model: [scripted:demo]
    prompt:
      system: 'Reply with JSON only, shaped {"greeting": "..."}.'
      user: 'Greet {{ inputs.name }} in one short sentence.'
    output: json
    constraints:
      - id: shape
        kind: json_schema
        schema:
          type: object
          required: [greeting]
          properties: { greeting: { type: string, minLength: 1 } }
      - { id: short, kind: max_words, field: greeting, value: 20, severity: soft }
      - { id: no-pii, kind: pii, types: [email, phone] }
    recovery:
      - retry: { max: 1, feedback: true }
      - degrade: { output: { greeting: Hello! } }
budget: { attempts: 4, tokens: 4000, cost_usd: 0.01, time_ms: 10000 }
scripted:
  demo:
    greet:
      - text: "\`\`\`json\\n{\\"greeting\\": \\"Hello, and welcome to Nanocode!\\"}\\n\`\`\`"
        usage: { input_tokens: 31, output_tokens: 16 }
      - text: '{"greeting": "Hello, and welcome to Nanocode!"}'
        usage: { input_tokens: 52, output_tokens: 12 }
`;

const DEV_PROFILE = `# Local development: any adapter, a generous budget, nothing redacted.
kind: profile
name: dev
description: Local development.
budget: { attempts: 6, tokens: 20000, cost_usd: 0.05, time_ms: 30000 }
adapters:
  allow: ['*']
`;

const PROD_PROFILE = `# Production: everything from dev, with a stricter budget, an adapter allow-list and redacted prompts.
kind: profile
name: prod
extends: dev
description: Production.
budget: { attempts: 4, tokens: 8000, cost_usd: 0.02, time_ms: 15000 }
adapters:
  allow: ['scripted:*', 'openai:gpt-4o-mini', 'anthropic:claude-3-5-haiku-*']
redaction:
  prompts: true
# Provider keys come from the environment; only base_url and api_key may use \${VAR}.
# providers:
#   openai: { api_key: '\${OPENAI_API_KEY}' }
#   anthropic: { api_key: '\${ANTHROPIC_API_KEY}' }
`;

const ENV_EXAMPLE = `# Copy to .env and fill in what you use. Never commit .env.
# Nanocode reads these only where a profile names them (e.g. api_key: '\${OPENAI_API_KEY}').

# OpenAI, or any OpenAI-compatible server (vLLM, Ollama, LM Studio, OpenRouter, ...).
OPENAI_API_KEY=
# Anthropic Messages API.
ANTHROPIC_API_KEY=

# Print stack traces for internal errors (1 to enable).
NANOCODE_DEBUG=
# Disable colour in the timeline (any non-empty value).
NO_COLOR=
`;

const README = `# A Nanocode project

- \`workflows/hello.yaml\`: a workflow with constraints and a recovery ladder. It runs offline on
  the \`scripted\` adapter.
- \`profiles/dev.yaml\`, \`profiles/prod.yaml\`: policy (budget, allowed adapters, redaction).
  \`prod\` extends \`dev\`.
- \`.env.example\`: the environment variables a profile may use.

\`\`\`sh
nanocode validate workflows/hello.yaml profiles/dev.yaml profiles/prod.yaml
nanocode config show workflows/hello.yaml --profile dev --resolved
nanocode run workflows/hello.yaml --profile dev --input name=Ada
nanocode run workflows/hello.yaml --profile dev --input name=Ada --json
\`\`\`

Exit codes: 0 certified, 2 degraded, 3 stopped, 1 error, 64 usage error, 65 invalid config or input.
`;

/** The files of a new project, in the order they are written. */
export function scaffoldFiles(): ScaffoldFile[] {
  return [
    { path: 'workflows/hello.yaml', text: HELLO_WORKFLOW },
    { path: 'profiles/dev.yaml', text: DEV_PROFILE },
    { path: 'profiles/prod.yaml', text: PROD_PROFILE },
    { path: '.env.example', text: ENV_EXAMPLE },
    { path: 'README.md', text: README },
  ];
}
