import { constraintCommonShape } from '../spec/constraint-kinds.js';
import { NanocodeError } from '../spec/errors.js';
import { didYouMean } from './did-you-mean.js';
import type { Origin, Segment } from './origin-map.js';
import type { LocateMode, SourceDocument } from './source-document.js';
import type { TemplateCatalog, TemplateDefinition } from './template-catalog.js';

/** What template expansion reads and where it reports. */
export interface ExpandContext {
  catalog: TemplateCatalog;
  documents: ReadonlyMap<string, SourceDocument>;
  errors: NanocodeError[];
  /** Files of the templates actually used, for `ResolvedConfig.sources`. */
  used?: Set<string>;
}

/** A constraint after sugar and `use:` expansion, with where it (and its `not:` params) was written. */
export interface ExpandedConstraint {
  value: unknown;
  origin: Origin;
  /** For `not:` sugar: where the negated kind and params were written, and their keys. */
  notOrigin?: Origin;
  notKeys?: string[];
}

const SIDE_KEYS = new Set([...Object.keys(constraintCommonShape), 'negate']);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

function locate(ctx: ExpandContext, origin: Origin, mode: LocateMode) {
  return (
    ctx.documents.get(origin.file)?.locate({ path: origin.path, mode }) ?? {
      file: origin.file,
      line: 1,
      column: 1,
    }
  );
}

function report(
  ctx: ExpandContext,
  options: {
    code: NanocodeError['code'];
    message: string;
    at: Origin;
    mode?: LocateMode;
    hint?: string | undefined;
  },
) {
  ctx.errors.push(
    new NanocodeError({
      code: options.code,
      message: options.message,
      location: locate(ctx, options.at, options.mode ?? 'value'),
      ...(options.hint ? { hint: options.hint } : {}),
    }),
  );
}

/** Finds a `use:`d template of the wanted kind, reporting unknown names, wrong kinds and cycles. */
function useTemplate(
  ctx: ExpandContext,
  options: {
    entry: Record<string, unknown>;
    at: Origin;
    kind: TemplateDefinition['kind'];
    stack: readonly string[];
  },
): TemplateDefinition | undefined {
  const { entry, at } = options;
  for (const key of Object.keys(entry).filter((k) => k !== 'use')) {
    report(ctx, {
      code: 'NC_CFG_UNKNOWN_KEY',
      message: `unknown key \`${key}\` beside \`use:\``,
      at: { file: at.file, path: [...at.path, key] },
      mode: 'key',
      hint: 'a `use:` entry has no other keys; change the template instead',
    });
  }
  const useAt = { file: at.file, path: [...at.path, 'use'] };
  const name = entry.use;
  if (typeof name !== 'string') {
    report(ctx, {
      code: 'NC_CFG_INVALID_TYPE',
      message: '`use` must be a template name (a string)',
      at: useAt,
    });
    return undefined;
  }
  if (options.stack.includes(name)) {
    const cycle = [...options.stack.slice(options.stack.indexOf(name)), name].join(' → ');
    report(ctx, {
      code: 'NC_CFG_TEMPLATE_CYCLE',
      message: `templates use each other in a cycle: ${cycle}`,
      at: useAt,
    });
    return undefined;
  }
  const template = ctx.catalog.get(name);
  if (!template) {
    const names = [...ctx.catalog.values()].filter((t) => t.kind === options.kind).map((t) => t.name);
    report(ctx, {
      code: 'NC_CFG_UNKNOWN_TEMPLATE',
      message: `no template named \`${name}\` in any templates/ directory`,
      at: useAt,
      hint: didYouMean({ word: name, candidates: names }),
    });
    return undefined;
  }
  if (template.kind !== options.kind) {
    const what = template.kind === 'prompt' ? 'a prompt fragment' : 'a constraint set';
    report(ctx, {
      code: 'NC_CFG_INVALID_VALUE',
      message: `template \`${name}\` is ${what}; it cannot be used here`,
      at: useAt,
    });
    return undefined;
  }
  ctx.used?.add(template.file);
  return template;
}

function rewriteSugar(ctx: ExpandContext, item: Record<string, unknown>, at: Origin): ExpandedConstraint {
  if ('not' in item) {
    const { not, ...rest } = item;
    const notAt = { file: at.file, path: [...at.path, 'not'] };
    if (!isRecord(not)) {
      report(ctx, {
        code: 'NC_CFG_INVALID_TYPE',
        message: '`not` must be a mapping with a `kind` and its params',
        at: notAt,
      });
      return { value: { ...rest, kind: 'is_json', negate: true }, origin: at };
    }
    if ('kind' in rest) {
      report(ctx, {
        code: 'NC_CFG_INVALID_VALUE',
        message: 'a constraint has either `kind` or `not:`, not both',
        at: { file: at.file, path: [...at.path, 'kind'] },
        mode: 'key',
        hint: 'put the kind inside `not:`',
      });
    }
    const params: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(not)) {
      if (SIDE_KEYS.has(key)) {
        report(ctx, {
          code: 'NC_CFG_UNKNOWN_KEY',
          message: `\`${key}\` belongs beside \`not:\`, not inside it`,
          at: { file: at.file, path: [...notAt.path, key] },
          mode: 'key',
        });
      } else {
        params[key] = value;
      }
    }
    return {
      value: { ...rest, ...params, negate: true },
      origin: at,
      notOrigin: notAt,
      notKeys: Object.keys(params),
    };
  }
  if ('expr' in item && !('kind' in item)) return { value: { ...item, kind: 'expr' }, origin: at };
  return { value: item, origin: at };
}

/** Expands a constraint list: `use:` entries inline their template, `not:` and `expr:` are rewritten. */
export function expandConstraintList(
  ctx: ExpandContext,
  options: { list: readonly unknown[]; source: Origin; stack: readonly string[] },
): ExpandedConstraint[] {
  const out: ExpandedConstraint[] = [];
  for (const [index, item] of options.list.entries()) {
    const at: Origin = { file: options.source.file, path: [...options.source.path, index] };
    if (isRecord(item) && 'use' in item) {
      const template = useTemplate(ctx, { entry: item, at, kind: 'constraints', stack: options.stack });
      if (template && Array.isArray(template.value)) {
        out.push(
          ...expandConstraintList(ctx, {
            list: template.value,
            source: { file: template.file, path: template.path },
            stack: [...options.stack, template.name],
          }),
        );
      }
    } else if (isRecord(item)) {
      out.push(rewriteSugar(ctx, item, at));
    } else {
      out.push({ value: item, origin: at });
    }
  }
  return out;
}

/**
 * Joins a prompt text: a string, `{ use: <template> }`, or a list of both (joined by newlines).
 * Returns `undefined` for a value of another shape, which the schema then reports.
 */
export function expandPromptText(
  ctx: ExpandContext,
  options: { value: unknown; source: Origin; stack: readonly string[] },
): { text: string; segments: Segment[] } | undefined {
  const { value, source } = options;
  if (typeof value === 'string') return { text: value, segments: [{ start: 0, origin: source }] };
  if (isRecord(value) && 'use' in value) {
    const template = useTemplate(ctx, { entry: value, at: source, kind: 'prompt', stack: options.stack });
    if (!template) return { text: '', segments: [] };
    return (
      expandPromptText(ctx, {
        value: template.value,
        source: { file: template.file, path: template.path },
        stack: [...options.stack, template.name],
      }) ?? { text: '', segments: [] }
    );
  }
  if (!Array.isArray(value)) return undefined;
  let text = '';
  const segments: Segment[] = [];
  for (const [index, part] of value.entries()) {
    if (Array.isArray(part)) return undefined;
    const piece = expandPromptText(ctx, {
      value: part,
      source: { file: source.file, path: [...source.path, index] },
      stack: options.stack,
    });
    if (!piece) return undefined;
    const start = text.length + (index > 0 ? 1 : 0);
    text = index > 0 ? `${text}\n${piece.text}` : piece.text;
    segments.push(...piece.segments.map((segment) => ({ ...segment, start: segment.start + start })));
  }
  return { text, segments };
}
