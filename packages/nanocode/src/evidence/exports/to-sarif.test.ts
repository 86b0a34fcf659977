import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import formats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { allRuns, exceptionsRun, HOSTILE, stoppedRun, vector } from './export-runs.test-util.js';
import { toSarif } from './to-sarif.js';

const draft07 = vector('sarif-2.1.0/sarif-schema-2.1.0.draft-07.json');
const errata01 = vector('sarif-2.1.0/sarif-schema-2.1.0.json');

function compile(schema: Record<string, unknown>): ValidateFunction {
  // The SARIF schemas list `required` names they do not declare in `properties` (not strict), and the
  // draft-07 file's language-tag pattern is not valid with the `u` flag (plain RegExp, as JS would read it).
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  // ajv-formats is CommonJS: under NodeNext its function is the default export's `default`.
  formats.default(ajv);
  return ajv.compile(schema);
}

function validators(): Array<[string, ValidateFunction]> {
  const out: Array<[string, ValidateFunction]> = [];
  if (draft07.present) out.push(['draft-07', compile(JSON.parse(readFileSync(draft07.path, 'utf8')))]);
  if (errata01.present) {
    // The errata01 (OASIS Standard) schema is draft-04. Its only draft-04-specific keyword is the root `id`
    // (no boolean exclusiveMinimum/Maximum), so it reads as draft-07 once that becomes `$id`.
    const { id, $schema: _draft04, ...rest } = JSON.parse(readFileSync(errata01.path, 'utf8'));
    out.push(['errata01', compile({ $id: id, ...rest })]);
  }
  return out;
}

interface Result {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: Array<{ logicalLocations: Array<{ name: string; fullyQualifiedName: string }> }>;
  suppressions?: Array<{ kind: string; justification: string; properties?: unknown }>;
  properties: { status: string; evaluated_at_seq: number[] };
}

function runOf(text: string) {
  return JSON.parse(text).runs[0] as {
    tool: { driver: { name: string; version: string; rules: Array<{ id: string }> } };
    results: Result[];
    invocations: Array<{ executionSuccessful: boolean }>;
  };
}

describe('toSarif', () => {
  it.skipIf(!draft07.present || !errata01.present)(
    `is valid against the SARIF 2.1.0 schemas for every fixture run${draft07.note}${errata01.note}`,
    async () => {
      const checks = validators();
      expect(checks).toHaveLength(2);
      for (const [name, run] of Object.entries(await allRuns())) {
        const log = JSON.parse(toSarif(run));
        for (const [schema, validate] of checks) {
          expect(validate(log) ? [] : validate.errors, `${name} against ${schema}`).toEqual([]);
        }
      }
      // The validator bites: an unknown level and a suppression without its `kind` are rejected.
      const broken = JSON.parse(toSarif(exceptionsRun()));
      broken.runs[0].results[1].level = 'fatal';
      delete broken.runs[0].results[0].suppressions[0].kind;
      for (const [, validate] of checks) {
        expect(validate(broken)).toBe(false);
        expect(validate.errors?.map((e) => e.instancePath)).toEqual(
          expect.arrayContaining(['/runs/0/results/1/level', '/runs/0/results/0/suppressions/0']),
        );
      }
    },
  );

  it('has one rule per constraint and results only for failed, unchecked and waived ones', () => {
    const run = runOf(toSarif(exceptionsRun()));
    expect(run.tool.driver.name).toBe('nanocode');
    expect(run.tool.driver.version).toBe('0.0.0-test');
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual([
      'answer.shape',
      'answer.short',
      'answer.tone',
      'answer.calm',
    ]);
    expect(run.results.map((r) => [r.ruleId, r.level, r.properties.status])).toEqual([
      ['answer.short', 'error', 'waived'],
      ['answer.tone', 'warning', 'violated'],
      ['answer.calm', 'warning', 'unchecked'],
    ]);
    for (const result of run.results) {
      expect(run.tool.driver.rules[result.ruleIndex]?.id).toBe(result.ruleId);
    }
    expect(run.results[1]?.message.text).toBe('tone: contains "!"');
    expect(run.results[2]?.message.text).toBe('calm: could not be checked: no such key: missing');
    expect(run.results[1]?.locations[0]?.logicalLocations[0]).toMatchObject({
      name: 'tone',
      fullyQualifiedName: 'support-answer.answer.tone',
    });
  });

  it('turns a waiver into an external suppression justified by its reason', () => {
    const [waived, ...others] = runOf(toSarif(exceptionsRun())).results;
    expect(waived?.suppressions).toEqual([
      {
        kind: 'external',
        justification: `pilot ${HOSTILE}`,
        properties: { granted_by: 'risk-office', expires: '2999-01-01' },
      },
    ]);
    expect(others.every((r) => r.suppressions === undefined)).toBe(true);
  });

  it('finds the waiver the runner recorded for a waived constraint', async () => {
    const { waived } = await allRuns();
    const [result, ...rest] = runOf(toSarif(waived as NonNullable<typeof waived>)).results;
    expect(rest).toEqual([]);
    expect(result).toMatchObject({
      ruleId: 'answer.short',
      level: 'error',
      suppressions: [{ kind: 'external', justification: 'pilot', properties: { granted_by: 'risk-office' } }],
    });
  });

  it('reports the hard constraint that blocked a stopped run as an error, with every evaluation', () => {
    const run = runOf(toSarif(stoppedRun()));
    expect(run.results).toHaveLength(1);
    expect(run.results[0]).toMatchObject({
      ruleId: 'answer.shape',
      level: 'error',
      properties: { status: 'not_applicable', evaluated_at_seq: [8, 12] },
    });
    expect(run.invocations[0]?.executionSuccessful).toBe(true);
  });

  it('marks the invocation unsuccessful for a run that ended in an error', async () => {
    const { refused } = await allRuns();
    const log = JSON.parse(toSarif(refused as NonNullable<typeof refused>));
    expect(log.runs[0].invocations[0]).toMatchObject({
      executionSuccessful: false,
      toolExecutionNotifications: [
        { level: 'error', message: { text: expect.stringContaining('NC_RUN_INPUT_INVALID') } },
      ],
    });
  });
});
