import { NanocodeError } from '../spec/errors.js';
import type { Profile, Workflow } from '../spec/workflow.js';
import type { OriginMap } from './origin-map.js';
import type { ConfigPath } from './source-document.js';

/** True when `ref` matches a glob where `*` stands for any run of characters (and nothing else is special). */
export function matchesGlob(options: { pattern: string; ref: string }): boolean {
  const parts = options.pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.*')}$`).test(options.ref);
}

/** Every model reference of a workflow (steps, degrade steps, judge constraints) with its path. */
export function modelReferences(workflow: Workflow): { ref: string; path: ConfigPath }[] {
  const refs: { ref: string; path: ConfigPath }[] = [];
  for (const group of ['steps', 'degrade_steps'] as const) {
    for (const [id, step] of Object.entries(workflow[group])) {
      for (const [index, ref] of (step.model ?? []).entries())
        refs.push({ ref, path: [group, id, 'model', index] });
      for (const [index, constraint] of step.constraints.entries()) {
        if (constraint.kind === 'judge')
          refs.push({ ref: constraint.model, path: [group, id, 'constraints', index, 'model'] });
      }
    }
  }
  for (const [index, constraint] of workflow.constraints.entries()) {
    if (constraint.kind === 'judge')
      refs.push({ ref: constraint.model, path: ['constraints', index, 'model'] });
  }
  return refs;
}

/** Checks every model reference of the workflow against the profile's `adapters.allow` globs. */
export function checkAdapters(options: {
  workflow: Workflow;
  profile: Profile;
  origins: OriginMap;
}): NanocodeError[] {
  const allow = options.profile.adapters.allow;
  return modelReferences(options.workflow)
    .filter(({ ref }) => !allow.some((pattern) => matchesGlob({ pattern, ref })))
    .map(
      ({ ref, path }) =>
        new NanocodeError({
          code: 'NC_CFG_ADAPTER_NOT_ALLOWED',
          message: `adapter \`${ref}\` is not allowed by profile \`${options.profile.name}\` (allow: ${allow.join(', ') || 'nothing'})`,
          location: options.origins.locate({ path, mode: 'value' }),
          hint: 'add a matching pattern to the profile `adapters.allow`',
        }),
    );
}
