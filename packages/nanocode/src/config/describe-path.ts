import type { ConfigPath } from './source-document.js';

/** The value at `path`, or `undefined`. */
export function valueAt(value: unknown, path: ConfigPath): unknown {
  let current = value;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[String(segment)];
  }
  return current;
}

/** Index of the constraint element in a path (`...constraints/<i>`), or -1. */
export function constraintIndexInPath(path: ConfigPath): number {
  for (let i = path.length - 2; i >= 0; i--) {
    if (path[i] === 'constraints' && typeof path[i + 1] === 'number') return i + 1;
  }
  return -1;
}

/** Which kind of thing a path lands in: a constraint, a recovery rung, a waiver, or something else. */
export type PathArea = 'constraint' | 'recovery' | 'waiver' | 'other';

/** The area of a path, judged from its last list. */
export function areaOf(path: ConfigPath): PathArea {
  for (let i = path.length - 2; i >= 0; i--) {
    if (typeof path[i + 1] !== 'number') continue;
    if (path[i] === 'constraints') return 'constraint';
    if (path[i] === 'recovery') return 'recovery';
    if (path[i] === 'waivers') return 'waiver';
  }
  return 'other';
}

/**
 * A short human name for where a path points, e.g. "constraint `short` of step `answer`" or
 * "recovery rung 2 of step `answer`". `subject` names the document ("workflow", "profile `prod`").
 */
export function describePath(options: { path: ConfigPath; value: unknown; subject: string }): string {
  const { path, value } = options;
  const stepName =
    (path[0] === 'steps' || path[0] === 'degrade_steps') && path.length > 1
      ? `${path[0] === 'steps' ? 'step' : 'degrade step'} \`${String(path[1])}\``
      : undefined;
  const owner =
    stepName ?? (path[0] === 'templates' && path.length > 1 ? `template \`${String(path[1])}\`` : undefined);
  const constraintAt = constraintIndexInPath(path);
  if (constraintAt >= 0) {
    const id = valueAt(value, [...path.slice(0, constraintAt + 1), 'id']);
    const name =
      typeof id === 'string' ? `constraint \`${id}\`` : `constraint ${Number(path[constraintAt]) + 1}`;
    if (owner) return `${name} of ${owner}`;
    return path[0] === 'constraints' && options.subject === 'workflow'
      ? `run ${name}`
      : `${name} of ${options.subject}`;
  }
  const area = areaOf(path);
  if (area === 'recovery') {
    const index = path.indexOf('recovery') + 1;
    return `recovery rung ${Number(path[index]) + 1}${owner ? ` of ${owner}` : ''}`;
  }
  if (area === 'waiver')
    return `waiver ${Number(path[path.indexOf('waivers') + 1]) + 1} of ${options.subject}`;
  if (owner) return path.length > 2 ? `\`${dottedPath(path.slice(2))}\` of ${owner}` : owner;
  return path.length > 0 ? `\`${dottedPath(path)}\` of ${options.subject}` : options.subject;
}

/** A dotted display form of a path, e.g. `steps.answer.constraints[2].value`. */
export function dottedPath(path: ConfigPath): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('') || '(root)';
}
