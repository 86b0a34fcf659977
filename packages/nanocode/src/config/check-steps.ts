import { NanocodeError } from '../spec/errors.js';
import type { Step, Workflow } from '../spec/workflow.js';
import { checkConstraintList, createCelChecker } from './check-constraints.js';
import { didYouMean } from './did-you-mean.js';
import type { OriginMap } from './origin-map.js';
import type { ConfigPath } from './source-document.js';

function checkShape(step: Step, path: ConfigPath, owner: string, origins: OriginMap): NanocodeError[] {
  const at = (key: string | undefined, mode: 'key' | 'value') =>
    origins.locate({ path: key === undefined ? path : [...path, key], mode });
  const problem = (
    code: NanocodeError['code'],
    message: string,
    key: string | undefined,
    mode: 'key' | 'value',
  ) => new NanocodeError({ code, message, location: at(key, mode) });
  if (step.model && step.function !== undefined) {
    return [
      problem(
        'NC_CFG_INVALID_VALUE',
        `${owner} has both \`model\` and \`function\`; keep one`,
        'function',
        'key',
      ),
    ];
  }
  if (step.function !== undefined) {
    return (['prompt', 'temperature', 'max_tokens', 'seed', 'stop'] as const)
      .filter((key) => step[key] !== undefined)
      .map((key) => problem('NC_CFG_INVALID_VALUE', `function ${owner} takes no \`${key}\``, key, 'key'));
  }
  if (!step.model)
    return [problem('NC_CFG_MISSING_KEY', `${owner} needs \`model\` or \`function\``, undefined, 'value')];
  const errors: NanocodeError[] = [];
  if (!step.prompt)
    errors.push(problem('NC_CFG_MISSING_KEY', `model ${owner} needs a \`prompt\``, undefined, 'value'));
  if (step.args)
    errors.push(problem('NC_CFG_INVALID_VALUE', `model ${owner} takes no \`args\``, 'args', 'key'));
  return errors;
}

function checkRecovery(
  step: Step,
  path: ConfigPath,
  owner: string,
  workflow: Workflow,
  origins: OriginMap,
): NanocodeError[] {
  const errors: NanocodeError[] = [];
  const seen = new Set<string>();
  for (const [index, rung] of step.recovery.entries()) {
    const name = Object.keys(rung)[0] ?? '';
    const at = (rest: string[], mode: 'key' | 'value' = 'key') =>
      origins.locate({ path: [...path, 'recovery', index, ...rest], mode });
    const previous = step.recovery[index - 1];
    // A degrade path whose output fails its constraints ends in `stop`, so only `stop` may follow `degrade`.
    const unreachable = previous && ('stop' in previous || ('degrade' in previous && !('stop' in rung)));
    if (unreachable) {
      errors.push(
        new NanocodeError({
          code: 'NC_CFG_INVALID_RECOVERY',
          message: `recovery rung ${index + 1} of ${owner} (\`${name}\`) is never reached: \`${Object.keys(previous ?? {})[0]}\` ends the ladder`,
          location: at([name]),
        }),
      );
    }
    if (seen.has(name)) {
      errors.push(
        new NanocodeError({
          code: 'NC_CFG_INVALID_RECOVERY',
          message: `\`${name}\` appears twice in the recovery ladder of ${owner}`,
          location: at([name]),
        }),
      );
    }
    seen.add(name);
    if ('degrade' in rung) {
      const { output, step: target } = rung.degrade;
      if ((output === undefined) === (target === undefined)) {
        errors.push(
          new NanocodeError({
            code: 'NC_CFG_INVALID_RECOVERY',
            message: `\`degrade\` in ${owner} needs exactly one of \`output\` or \`step\``,
            location: at(['degrade'], 'value'),
          }),
        );
      } else if (target !== undefined && !Object.hasOwn(workflow.degrade_steps, target)) {
        const hint = didYouMean({ word: target, candidates: Object.keys(workflow.degrade_steps) });
        errors.push(
          new NanocodeError({
            code: 'NC_CFG_UNKNOWN_STEP',
            message: `\`degrade.step\` of ${owner} names \`${target}\`, which is not in \`degrade_steps\``,
            location: at(['degrade', 'step'], 'value'),
            ...(hint ? { hint } : {}),
          }),
        );
      }
    }
  }
  return errors;
}

/** Checks every step beyond the schema: its shape, its constraints and its recovery ladder. */
export function checkSteps(options: { workflow: Workflow; origins: OriginMap }): NanocodeError[] {
  const { workflow, origins } = options;
  const cel = createCelChecker();
  const errors = checkConstraintList({
    constraints: workflow.constraints,
    path: ['constraints'],
    origins,
    owner: 'the run constraints',
    runLevel: true,
    cel,
  });
  for (const group of ['steps', 'degrade_steps'] as const) {
    for (const [id, step] of Object.entries(workflow[group])) {
      const path = [group, id];
      const owner = `${group === 'steps' ? 'step' : 'degrade step'} \`${id}\``;
      errors.push(...checkShape(step, path, owner, origins));
      errors.push(
        ...checkConstraintList({
          constraints: step.constraints,
          path: [...path, 'constraints'],
          origins,
          owner,
          runLevel: false,
          cel,
        }),
      );
      errors.push(...checkRecovery(step, path, owner, workflow, origins));
    }
  }
  return errors;
}
