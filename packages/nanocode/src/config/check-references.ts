import { extractReferences, TemplateError } from '../render/render-template.js';
import { NanocodeError } from '../spec/errors.js';
import type { Workflow } from '../spec/workflow.js';
import { didYouMean } from './did-you-mean.js';
import type { OriginMap } from './origin-map.js';
import type { ConfigPath } from './source-document.js';

/** A string that may hold `{{ }}` placeholders, and where it sits in the normalised workflow. */
interface TemplatedString {
  text: string;
  path: ConfigPath;
  /** The step whose prompt, args or constraint holds it; undefined for run-level constraints. */
  owner: string | undefined;
  /** Steps that depend on the referenced steps (degrade steps are not part of the DAG). */
  inDag: boolean;
}

function collectStrings(
  value: unknown,
  path: ConfigPath,
  out: (text: string, path: ConfigPath) => void,
): void {
  if (typeof value === 'string') out(value, path);
  else if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) collectStrings(item, [...path, index], out);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) collectStrings(item, [...path, key], out);
  }
}

function templatedStrings(workflow: Workflow): TemplatedString[] {
  const found: TemplatedString[] = [];
  for (const [index, constraint] of workflow.constraints.entries()) {
    if ('source' in constraint) {
      found.push({
        text: constraint.source,
        path: ['constraints', index, 'source'],
        owner: undefined,
        inDag: false,
      });
    }
  }
  for (const group of ['steps', 'degrade_steps'] as const) {
    for (const [id, step] of Object.entries(workflow[group])) {
      const add = (text: string, path: ConfigPath) =>
        found.push({ text, path, owner: id, inDag: group === 'steps' });
      if (step.prompt?.system !== undefined) add(step.prompt.system, [group, id, 'prompt', 'system']);
      if (step.prompt) add(step.prompt.user, [group, id, 'prompt', 'user']);
      collectStrings(step.args, [group, id, 'args'], add);
      for (const [index, constraint] of step.constraints.entries()) {
        if ('source' in constraint) add(constraint.source, [group, id, 'constraints', index, 'source']);
      }
    }
  }
  return found;
}

function findCycle(edges: Map<string, Map<string, TemplatedString & { offset: number }>>) {
  const state = new Map<string, 'open' | 'done'>();
  const visit = (node: string, trail: string[]): string[] | undefined => {
    if (state.get(node) === 'open') return [...trail.slice(trail.indexOf(node)), node];
    if (state.get(node) === 'done') return undefined;
    state.set(node, 'open');
    for (const next of edges.get(node)?.keys() ?? []) {
      const cycle = visit(next, [...trail, node]);
      if (cycle) return cycle;
    }
    state.set(node, 'done');
    return undefined;
  };
  for (const node of edges.keys()) {
    const cycle = visit(node, []);
    if (cycle) return cycle;
  }
  return undefined;
}

/**
 * Checks every `{{ }}` placeholder (prompts, function args, constraint `source`): it parses, names a
 * declared input or an existing step's `output`, and step references form a DAG. Also checks `result`
 * and the step names of `scripted` responses.
 */
export function checkReferences(options: { workflow: Workflow; origins: OriginMap }): NanocodeError[] {
  const { workflow, origins } = options;
  const errors: NanocodeError[] = [];
  const stepIds = Object.keys(workflow.steps);
  const edges = new Map<string, Map<string, TemplatedString & { offset: number }>>(
    stepIds.map((id) => [id, new Map()]),
  );
  for (const item of templatedStrings(workflow)) {
    const locateAt = (offset: number) => origins.locateOffset({ path: item.path, offset });
    let refs: ReturnType<typeof extractReferences>;
    try {
      refs = extractReferences(item.text);
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      errors.push(
        new NanocodeError({
          code: 'NC_CFG_INVALID_TEMPLATE_REF',
          message: error.message,
          location: locateAt(error.offset),
        }),
      );
      continue;
    }
    for (const ref of refs) {
      const [root, name, field] = ref.path.split('.');
      const fail = (code: NanocodeError['code'], message: string, hint?: string) =>
        errors.push(
          new NanocodeError({ code, message, location: locateAt(ref.offset), ...(hint ? { hint } : {}) }),
        );
      if (root === 'inputs') {
        if (name === undefined || !Object.hasOwn(workflow.inputs, name)) {
          fail(
            'NC_CFG_INVALID_TEMPLATE_REF',
            `{{ ${ref.path} }} names no declared input`,
            name === undefined
              ? undefined
              : didYouMean({ word: name, candidates: Object.keys(workflow.inputs) }),
          );
        }
        continue;
      }
      if (item.owner === undefined) {
        fail('NC_CFG_INVALID_TEMPLATE_REF', `{{ ${ref.path} }}: run constraints see only inputs`);
      } else if (name === undefined || field !== 'output') {
        fail('NC_CFG_INVALID_TEMPLATE_REF', `{{ ${ref.path} }} must read \`steps.<id>.output\``);
      } else if (!Object.hasOwn(workflow.steps, name)) {
        fail(
          'NC_CFG_UNKNOWN_STEP',
          `{{ ${ref.path} }} names no step \`${name}\``,
          didYouMean({ word: name, candidates: stepIds }),
        );
      } else if (item.inDag && !edges.get(item.owner)?.has(name)) {
        edges.get(item.owner)?.set(name, { ...item, offset: ref.offset });
      }
    }
  }
  const cycle = findCycle(edges);
  if (cycle && cycle.length > 1) {
    const [from, to] = [cycle.at(-2) ?? '', cycle.at(-1) ?? ''];
    const edge = edges.get(from)?.get(to);
    errors.push(
      new NanocodeError({
        code: 'NC_CFG_STEP_CYCLE',
        message: `steps reference each other in a cycle: ${cycle.join(' → ')}`,
        ...(edge ? { location: origins.locateOffset({ path: edge.path, offset: edge.offset }) } : {}),
      }),
    );
  }
  if (workflow.result !== undefined && !Object.hasOwn(workflow.steps, workflow.result)) {
    const hint = didYouMean({ word: workflow.result, candidates: stepIds });
    errors.push(
      new NanocodeError({
        code: 'NC_CFG_UNKNOWN_STEP',
        message: `\`result\` names no step \`${workflow.result}\``,
        location: origins.locate({ path: ['result'], mode: 'value' }),
        ...(hint ? { hint } : {}),
      }),
    );
  }
  const allSteps = [...stepIds, ...Object.keys(workflow.degrade_steps)];
  for (const [model, byStep] of Object.entries(workflow.scripted ?? {})) {
    for (const step of Object.keys(byStep).filter((s) => !allSteps.includes(s))) {
      const hint = didYouMean({ word: step, candidates: allSteps });
      errors.push(
        new NanocodeError({
          code: 'NC_CFG_UNKNOWN_STEP',
          message: `scripted responses of \`${model}\` name no step \`${step}\``,
          location: origins.locate({ path: ['scripted', model, step], mode: 'key' }),
          ...(hint ? { hint } : {}),
        }),
      );
    }
  }
  return errors;
}
