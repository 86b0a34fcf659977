/**
 * `{{ path }}` placeholders, and nothing else: rendering looks values up by path and never evaluates
 * code. Roots are `inputs` and `steps` (`steps.<id>.output[.field...]`). A missing path is an error,
 * so a typo never renders as an empty string.
 */

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const PATH = /^[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*$/;

/** The roots a placeholder may start with. */
export const TEMPLATE_ROOTS = ['inputs', 'steps'] as const;

/** One placeholder found in a template. */
export interface TemplateReference {
  /** The path as written, e.g. `steps.spec.output.title`. */
  path: string;
  /** Character offset of the placeholder in the template. */
  offset: number;
}

/** A placeholder that is malformed or that names nothing. */
export class TemplateError extends Error {
  readonly path: string;
  readonly offset: number;
  constructor(options: { message: string; path: string; offset: number }) {
    super(options.message);
    this.name = 'TemplateError';
    this.path = options.path;
    this.offset = options.offset;
  }
}

/** Lists the placeholders of a template, validating their syntax and root. */
export function extractReferences(template: string): TemplateReference[] {
  const refs: TemplateReference[] = [];
  for (const match of template.matchAll(PLACEHOLDER)) {
    const path = match[1] ?? '';
    const offset = match.index ?? 0;
    if (!PATH.test(path)) {
      throw new TemplateError({ message: `placeholder {{ ${path} }} is not a dotted path`, path, offset });
    }
    const root = path.split('.')[0];
    if (!TEMPLATE_ROOTS.includes(root as (typeof TEMPLATE_ROOTS)[number])) {
      throw new TemplateError({
        message: `placeholder {{ ${path} }} must start with ${TEMPLATE_ROOTS.join(' or ')}`,
        path,
        offset,
      });
    }
    refs.push({ path, offset });
  }
  return refs;
}

/** The step ids a template reads from (`steps.<id>...`), in order of first use. */
export function referencedSteps(template: string): string[] {
  const ids: string[] = [];
  for (const ref of extractReferences(template)) {
    const [root, id] = ref.path.split('.');
    if (root === 'steps' && id !== undefined && !ids.includes(id)) ids.push(id);
  }
  return ids;
}

/** Looks a dotted path up in a value; `undefined` when any segment is missing. */
export function lookupPath(value: unknown, path: string): unknown {
  let current: unknown = value;
  for (const segment of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    if (!Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

/** The values placeholders can read. */
export interface TemplateScope {
  inputs: Record<string, unknown>;
  steps: Record<string, { output: unknown }>;
}

/** Renders a template. Strings are inserted as-is; other values as JSON. */
export function renderTemplate(template: string, scope: TemplateScope): string {
  const refs = extractReferences(template);
  if (refs.length === 0) return template;
  return template.replace(PLACEHOLDER, (_whole, rawPath: string, offset: number) => {
    const path = rawPath.trim();
    const value = lookupPath(scope, path);
    if (value === undefined) {
      throw new TemplateError({ message: `placeholder {{ ${path} }} has no value`, path, offset });
    }
    return typeof value === 'string' ? value : JSON.stringify(value);
  });
}
