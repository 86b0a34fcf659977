import { renderTemplate } from '../render/render-template.js';
import type { ChatMessage } from '../spec/adapter.js';
import type { Step } from '../spec/workflow.js';
import { type AttemptMaker, functionAttempts, modelAttempts } from './call-once.js';
import { stepScope } from './evaluate-output.js';
import type { RunContext } from './run-context.js';

/** How a step makes attempts: model calls with a rendered prompt, or a function call with rendered args. */
export function makerFor(options: { ctx: RunContext; stepId: string; step: Step }): AttemptMaker {
  const { ctx, step } = options;
  if (!step.function) return modelAttempts(options);
  const scope = { inputs: ctx.inputs, steps: stepScope(ctx.outputs) };
  const args = renderDeep(step.args ?? {}, (text) => renderTemplate(text, scope)) as Record<string, unknown>;
  return functionAttempts({ ...options, args });
}

/** The step's prompt rendered against inputs and released outputs. */
export function renderPrompt(options: { ctx: RunContext; step: Step }): ChatMessage[] {
  const { ctx, step } = options;
  const scope = { inputs: ctx.inputs, steps: stepScope(ctx.outputs) };
  const messages: ChatMessage[] = [];
  if (step.prompt?.system !== undefined)
    messages.push({ role: 'system', content: renderTemplate(step.prompt.system, scope) });
  messages.push({ role: 'user', content: renderTemplate(step.prompt?.user ?? '', scope) });
  return messages;
}

function renderDeep(value: unknown, render: (text: string) => string): unknown {
  if (typeof value === 'string') return render(value);
  if (Array.isArray(value)) return value.map((item) => renderDeep(item, render));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renderDeep(v, render)]));
  }
  return value;
}
