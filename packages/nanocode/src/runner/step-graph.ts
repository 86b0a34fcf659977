import { referencedSteps } from '../render/render-template.js';
import type { Step, Workflow } from '../spec/workflow.js';

/** The steps a step reads from, through placeholders in its prompt, args and constraint params. */
export function stepDependencies(step: Step): string[] {
  const deps = new Set<string>();
  for (const text of templateStrings(step)) for (const id of referencedSteps(text)) deps.add(id);
  return [...deps];
}

/** Every string of a step that may hold placeholders. */
function templateStrings(step: Step): string[] {
  const strings: string[] = [];
  if (step.prompt?.system !== undefined) strings.push(step.prompt.system);
  if (step.prompt !== undefined) strings.push(step.prompt.user);
  collectStrings(step.args, strings);
  for (const constraint of step.constraints) {
    if ('source' in constraint && typeof constraint.source === 'string') strings.push(constraint.source);
  }
  return strings;
}

function collectStrings(value: unknown, into: string[]): void {
  if (typeof value === 'string') into.push(value);
  else if (Array.isArray(value)) for (const item of value) collectStrings(item, into);
  else if (value !== null && typeof value === 'object')
    for (const item of Object.values(value)) collectStrings(item, into);
}

/** Step ids in a deterministic topological order (declaration order among ready steps). */
export function topologicalOrder(workflow: Workflow): string[] {
  const ids = Object.keys(workflow.steps);
  const deps = new Map(ids.map((id) => [id, stepDependencies(workflow.steps[id] as Step)]));
  const done = new Set<string>();
  const order: string[] = [];
  while (order.length < ids.length) {
    const ready = ids.find((id) => !done.has(id) && (deps.get(id) ?? []).every((d) => done.has(d)));
    // The loader rejects cycles; this guards direct library use.
    if (ready === undefined) throw new Error('steps form a cycle');
    done.add(ready);
    order.push(ready);
  }
  return order;
}

/** The step whose output is the run's result: `result`, or the single sink, or undefined for many sinks. */
export function resultSteps(workflow: Workflow): string[] {
  if (workflow.result !== undefined) return [workflow.result];
  const ids = Object.keys(workflow.steps);
  const used = new Set(ids.flatMap((id) => stepDependencies(workflow.steps[id] as Step)));
  return ids.filter((id) => !used.has(id));
}
