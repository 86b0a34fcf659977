import type { NanocodeError } from '../spec/errors.js';
import { type ExpandContext, expandConstraintList, expandPromptText } from './expand-templates.js';
import { createOriginMap, type OriginMap } from './origin-map.js';
import type { ConfigPath, SourceDocument } from './source-document.js';
import type { TemplateCatalog } from './template-catalog.js';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** A workflow rewritten into the resolved shape, before schema validation and defaults. */
export interface NormalisedWorkflow {
  value: unknown;
  origins: OriginMap;
  errors: NanocodeError[];
}

function normaliseConstraints(
  ctx: ExpandContext & { origins: OriginMap; file: string },
  options: { owner: Record<string, unknown>; path: ConfigPath; runLevel: boolean },
): void {
  const list = options.owner.constraints;
  if (!Array.isArray(list)) return;
  const listPath = [...options.path, 'constraints'];
  const expanded = expandConstraintList(ctx, { list, source: { file: ctx.file, path: listPath }, stack: [] });
  options.owner.constraints = expanded.map((entry, index) => {
    const out = [...listPath, index];
    ctx.origins.set({ path: out, origin: entry.origin });
    const notOrigin = entry.notOrigin;
    for (const key of entry.notKeys ?? []) {
      if (notOrigin)
        ctx.origins.set({ path: [...out, key], origin: { ...notOrigin, path: [...notOrigin.path, key] } });
    }
    // Run-level constraints check the run inputs, so their stage defaults to `input`.
    if (options.runLevel && isRecord(entry.value) && entry.value.stage === undefined) {
      return { ...entry.value, stage: 'input' };
    }
    return entry.value;
  });
}

function normaliseStep(
  ctx: ExpandContext & { origins: OriginMap; file: string },
  options: { step: Record<string, unknown>; path: ConfigPath },
): void {
  const { step, path } = options;
  if (typeof step.model === 'string') {
    step.model = [step.model];
    ctx.origins.set({ path: [...path, 'model', 0], origin: { file: ctx.file, path: [...path, 'model'] } });
  }
  if (isRecord(step.prompt)) {
    const prompt = { ...step.prompt };
    for (const key of ['system', 'user']) {
      if (prompt[key] === undefined) continue;
      const fieldPath = [...path, 'prompt', key];
      const joined = expandPromptText(ctx, {
        value: prompt[key],
        source: { file: ctx.file, path: fieldPath },
        stack: [],
      });
      if (!joined) continue;
      prompt[key] = joined.text;
      ctx.origins.setSegments({ path: fieldPath, segments: joined.segments });
    }
    step.prompt = prompt;
  }
  normaliseConstraints(ctx, { owner: step, path, runLevel: false });
}

/**
 * Rewrites an authored workflow into the resolved shape: templates expanded, `not:`/`expr:` sugar
 * rewritten, `model` made a list and prompt fragments joined. Every rewritten part keeps its origin.
 */
export function normaliseWorkflow(options: {
  value: unknown;
  file: string;
  catalog: TemplateCatalog;
  documents: ReadonlyMap<string, SourceDocument>;
  used?: Set<string>;
}): NormalisedWorkflow {
  const origins = createOriginMap({ documents: options.documents });
  origins.set({ path: [], origin: { file: options.file, path: [] } });
  const errors: NanocodeError[] = [];
  if (!isRecord(options.value)) return { value: options.value, origins, errors };
  const ctx = {
    catalog: options.catalog,
    documents: options.documents,
    errors,
    origins,
    file: options.file,
    ...(options.used ? { used: options.used } : {}),
  };
  // A structured clone keeps the parsed document untouched for locating.
  const workflow = structuredClone(options.value);
  normaliseConstraints(ctx, { owner: workflow, path: [], runLevel: true });
  for (const group of ['steps', 'degrade_steps'] as const) {
    const steps = workflow[group];
    if (!isRecord(steps)) continue;
    for (const [id, step] of Object.entries(steps)) {
      if (isRecord(step)) normaliseStep(ctx, { step, path: [group, id] });
    }
  }
  delete workflow.$schema;
  return { value: workflow, origins, errors };
}
