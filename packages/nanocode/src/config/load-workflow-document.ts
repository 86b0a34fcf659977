import { NanocodeError } from '../spec/errors.js';
import { type Workflow, workflowSchema } from '../spec/workflow.js';
import { checkReferences } from './check-references.js';
import { checkSteps } from './check-steps.js';
import { didYouMean } from './did-you-mean.js';
import { checkEnvReferences, type Env } from './env-references.js';
import { issuesToErrors } from './issues-to-errors.js';
import { normaliseWorkflow } from './normalise-workflow.js';
import type { OriginMap } from './origin-map.js';
import type { SourceDocument } from './source-document.js';
import type { TemplateCatalog } from './template-catalog.js';

const withHint = (hint: string | undefined) => (hint ? { hint } : {});

/**
 * Validates and resolves one workflow document: `${ENV}` rules, template expansion and sugar, the
 * resolved schema with every default, then the cross-checks (steps, constraints, references, DAG).
 */
export function loadWorkflowDocument(options: {
  document: SourceDocument;
  catalog: TemplateCatalog;
  documents: ReadonlyMap<string, SourceDocument>;
  env: Env | undefined;
  used?: Set<string>;
}): { workflow: Workflow | undefined; origins: OriginMap | undefined; errors: NanocodeError[] } {
  const { document } = options;
  if (document.errors.length > 0) return { workflow: undefined, origins: undefined, errors: document.errors };
  const raw = document.value;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    const error = new NanocodeError({
      code: 'NC_CFG_INVALID_TYPE',
      message: 'a workflow file must be a mapping with `name`, `version` and `steps`',
      location: document.locate({ path: [], mode: 'value' }),
    });
    return { workflow: undefined, origins: undefined, errors: [error] };
  }
  const kind = (raw as { kind?: unknown }).kind;
  if (kind !== undefined && kind !== 'workflow') {
    const known = kind === 'profile' || kind === 'templates';
    const error = new NanocodeError({
      code: known ? 'NC_CFG_INVALID_VALUE' : 'NC_CFG_UNKNOWN_FILE_KIND',
      message: known
        ? `expected a workflow file, got a ${String(kind)} file`
        : `unknown file kind \`${String(kind)}\`; expected workflow, profile or templates`,
      location: document.locate({ path: ['kind'], mode: 'value' }),
      ...(known
        ? {}
        : withHint(didYouMean({ word: String(kind), candidates: ['workflow', 'profile', 'templates'] }))),
    });
    return { workflow: undefined, origins: undefined, errors: [error] };
  }
  const checked = checkEnvReferences({ document, kind: 'workflow', env: options.env });
  const normalised = normaliseWorkflow({
    value: checked.value,
    file: document.file,
    catalog: options.catalog,
    documents: options.documents,
    ...(options.used ? { used: options.used } : {}),
  });
  const errors = [...checked.errors, ...normalised.errors];
  const parsed = workflowSchema.safeParse(normalised.value);
  if (!parsed.success) {
    errors.push(
      ...issuesToErrors({
        issues: parsed.error.issues,
        schema: workflowSchema,
        value: normalised.value,
        origins: normalised.origins,
        subject: 'workflow',
      }),
    );
    return { workflow: undefined, origins: normalised.origins, errors };
  }
  const workflow = parsed.data;
  errors.push(...checkSteps({ workflow, origins: normalised.origins }));
  errors.push(...checkReferences({ workflow, origins: normalised.origins }));
  return { workflow, origins: normalised.origins, errors };
}
