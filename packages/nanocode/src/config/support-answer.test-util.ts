/** A workflow in the shape of the design's section 2, on scripted models, with templates and profiles. */
export const SUPPORT_ANSWER_FILES: Record<string, string> = {
  'workflows/support-answer.yaml': `name: support-answer
version: 3
inputs:
  question: { type: string, maxLength: 4000 }
  context: { type: string }
steps:
  answer:
    model: [scripted:primary, scripted:secondary]
    prompt:
      system: [{ use: answer-from-context }, Reply with JSON.]
      user: "Context:\\n{{ inputs.context }}\\n\\nQuestion: {{ inputs.question }}"
    output: json
    constraints:
      - { id: shape, kind: json_schema, schema: { type: object, required: [answer, quotes] } }
      - { id: grounded, kind: quotes_in, field: quotes, source: "{{ inputs.context }}" }
      - { id: short, kind: max_words, field: answer, value: 120, severity: soft }
      - use: safe-output
      - { id: calm, expr: "!output.answer.contains('!')" }
      - { id: no-shouting, not: { kind: regex, pattern: "[A-Z]{5,}" } }
    recovery:
      - retry: { max: 2, feedback: true }
      - repair: [strip_code_fences, redact_pii]
      - fallback: {}
      - degrade: { output: { answer: "I can't answer that from the context.", quotes: [] } }
      - stop: {}
  summary:
    model: scripted:primary
    prompt:
      user: "Summarise: {{ steps.answer.output.answer }}"
budget: { attempts: 6, tokens: 20000, cost_usd: 0.05, time_ms: 30000 }
`,
  'templates/safety.yaml': `kind: templates
templates:
  safe-output:
    constraints:
      - { id: no-pii, kind: pii, types: [email, phone, credit_card] }
      - use: no-links
  no-links:
    constraints:
      - { id: no-links, kind: not_contains, values: ["http://", "https://"] }
  answer-from-context:
    prompt: Answer only from the context.
`,
  'profiles/base.yaml': `kind: profile
name: base
adapters:
  allow: ["scripted:*"]
waivers:
  - { constraint: short, reason: "tone is tuned later", granted_by: ops, expires: 2027-01-31 }
providers:
  openai:
    api_key: \${OPENAI_API_KEY}
`,
  'profiles/prod.yaml': `kind: profile
name: prod
extends: base
budget: { attempts: 4 }
waivers:
  - { constraint: answer.calm, reason: "known issue", granted_by: lead, expires: "2027-02-01T12:00:00+02:00" }
redaction: { prompts: true }
`,
};
