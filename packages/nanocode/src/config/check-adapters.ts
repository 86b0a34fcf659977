import { NanocodeError } from '../spec/errors.js';
import type { Profile, Workflow } from '../spec/workflow.js';
import { didYouMean } from './did-you-mean.js';
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

/**
 * Checks every model reference of the workflow: an alias (a reference without `:`) must be declared
 * in the profile's `models`, and the `provider:model` it stands for, like every direct reference, must
 * match the profile's `adapters.allow` globs.
 */
export function checkAdapters(options: {
  workflow: Workflow;
  profile: Profile;
  origins: OriginMap;
}): NanocodeError[] {
  const { profile } = options;
  const allow = profile.adapters.allow;
  const errors: NanocodeError[] = [];
  for (const { ref, path } of modelReferences(options.workflow)) {
    const location = options.origins.locate({ path, mode: 'value' });
    const alias = ref.includes(':')
      ? undefined
      : Object.hasOwn(profile.models, ref)
        ? profile.models[ref]
        : null;
    if (alias === null) {
      const hint = didYouMean({ word: ref, candidates: Object.keys(profile.models) });
      errors.push(
        new NanocodeError({
          code: 'NC_CFG_UNKNOWN_MODEL',
          message: `\`${ref}\` is not \`provider:model\` and profile \`${profile.name}\` declares no model alias \`${ref}\``,
          location,
          hint:
            hint ??
            'write `provider:model`, e.g. `openai:gpt-4o-mini`, or declare it under the profile `models`',
        }),
      );
      continue;
    }
    const resolved = alias?.ref ?? ref;
    if (allow.some((pattern) => matchesGlob({ pattern, ref: resolved }))) continue;
    const shown = alias ? `\`${ref}\` (\`${resolved}\`)` : `\`${resolved}\``;
    errors.push(
      new NanocodeError({
        code: 'NC_CFG_ADAPTER_NOT_ALLOWED',
        message: `adapter ${shown} is not allowed by profile \`${profile.name}\` (allow: ${allow.join(', ') || 'nothing'})`,
        location,
        hint: 'add a matching pattern to the profile `adapters.allow`',
      }),
    );
  }
  return errors;
}
