import { rowVerdict } from './row-verdict.js';
import { type ConstraintRow, type ExportInput, summarizeRun } from './summarize-run.js';

/** The `$schema` written into every SARIF log: the OASIS 2.1.0 errata01 schema. */
export const SARIF_SCHEMA_URI =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

type Level = 'error' | 'warning' | 'note';

/**
 * Exports a run as a SARIF 2.1.0 log (JSON text). The driver `nanocode` has one rule per declared
 * constraint (`<step>.<id>`). Failed constraints are results: hard ones at level `error`, soft violations at
 * `warning`; a constraint that could not be checked is a `warning`. Waived constraints are results too,
 * carrying an `external` suppression whose justification is the waiver's reason. Each result points at its
 * constraint through a logical location, and lists the event seqs that evaluated it.
 */
export function toSarif(input: ExportInput): string {
  const summary = summarizeRun(input);
  const { header } = input;
  const rows = summary.constraints;
  const ruleIds = rows.map(ruleIdOf);
  const results = rows.flatMap((row, ruleIndex) => {
    const verdict = rowVerdict(row);
    if (verdict === 'passed' || verdict === 'skipped') return [];
    return [resultOf({ row, ruleIndex, workflow: header.workflow.name, waived: verdict === 'waived' })];
  });
  const failedRun = summary.outcome === 'error' || summary.outcome === 'incomplete';
  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'nanocode',
            version: header.framework.version,
            rules: rows.map((row, i) => ({
              id: ruleIds[i],
              name: row.id,
              shortDescription: {
                text: `${row.kind ?? 'unknown'} constraint \`${row.id}\` on step \`${row.step}\` (${row.severity ?? 'unknown severity'})`,
              },
              defaultConfiguration: { level: row.severity === 'soft' ? 'warning' : 'error' },
              properties: { step: row.step, kind: row.kind ?? null, severity: row.severity ?? null },
            })),
          },
        },
        automationDetails: { id: `${header.workflow.name}/${header.run_id}` },
        invocations: [
          {
            executionSuccessful: !failedRun,
            ...(summary.startedAt ? { startTimeUtc: summary.startedAt } : {}),
            ...(summary.finishedAt ? { endTimeUtc: summary.finishedAt } : {}),
            ...(summary.error
              ? {
                  toolExecutionNotifications: [
                    { level: 'error', message: { text: `${summary.error.code}: ${summary.error.message}` } },
                  ],
                }
              : {}),
          },
        ],
        results,
        properties: {
          run_id: header.run_id,
          tenant: header.tenant,
          outcome: summary.outcome,
          workflow: header.workflow,
          profile: header.profile,
          config_digest: header.config_digest,
          ...(input.verification ? { verification: input.verification } : {}),
        },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function ruleIdOf(row: ConstraintRow): string {
  return `${row.step}.${row.id}`;
}

function resultOf(options: {
  row: ConstraintRow;
  ruleIndex: number;
  workflow: string;
  waived: boolean;
}): Record<string, unknown> {
  const { row } = options;
  const level: Level = row.status === 'unchecked' || row.severity === 'soft' ? 'warning' : 'error';
  const said = row.last?.verdict.message ?? `final status ${row.status}`;
  const text =
    row.status === 'unchecked' || row.last?.verdict.status === 'error'
      ? `could not be checked: ${said}`
      : said;
  return {
    ruleId: ruleIdOf(row),
    ruleIndex: options.ruleIndex,
    kind: 'fail',
    level,
    message: { text: `${row.id}: ${text}` },
    locations: [
      {
        logicalLocations: [
          { name: row.id, fullyQualifiedName: `${options.workflow}.${row.step}.${row.id}`, kind: 'member' },
        ],
      },
    ],
    ...(options.waived
      ? {
          suppressions: [
            {
              // No `status`: the draft-07 schema many tools validate against does not know it yet.
              kind: 'external',
              justification:
                row.waiver?.reason ?? 'waived by the profile; no waiver.applied event was recorded',
              ...(row.waiver
                ? { properties: { granted_by: row.waiver.granted_by, expires: row.waiver.expires } }
                : {}),
            },
          ],
        }
      : {}),
    properties: {
      step: row.step,
      status: row.status,
      evaluated_at_seq: row.evaluations,
      evidence: row.last?.verdict.evidence ?? [],
    },
  };
}
