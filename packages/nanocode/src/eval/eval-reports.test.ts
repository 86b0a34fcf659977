import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseResult } from './case-result.js';
import { caseResult } from './case-result.test-util.js';
import { createEvalAggregator } from './eval-aggregator.js';
import { tempDir } from './eval-fixtures.test-util.js';
import { openEvalHtmlReport } from './eval-html-report.js';
import { openEvalJunitReport } from './eval-junit-report.js';

/** The public JUnit schema beside the repository root (`<repo>/../shared/vectors`). */
const XSD = fileURLToPath(new URL('../../../../../shared/vectors/junit-xml/junit-10.xsd', import.meta.url));
const hasXsd = existsSync(XSD);
const HOSTILE = `<script>alert("x")</script> & 'q' ]]> \u0001 \n next`;

let dir: string;
beforeAll(async () => {
  dir = await tempDir();
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const results: CaseResult[] = [
  caseResult({ id: HOSTILE, expected_ok: true }),
  caseResult({ id: 'stopped', outcome: 'stopped', statuses: { 'answer.shape': 'not_applicable' } }),
  caseResult({ id: 'err', outcome: 'error', error: { code: 'NC_RUN_INPUT_INVALID', message: HOSTILE } }),
  caseResult({ id: 'mismatch', expected_ok: false, expected_message: `answer: expected ${HOSTILE}` }),
];

async function write(options: { kind: 'junit' | 'html'; name: string }): Promise<string> {
  const path = join(dir, options.name);
  const meta = { workflow: 'support-answer', dataset: `cases <${HOSTILE}>.jsonl` };
  const report =
    options.kind === 'junit'
      ? await openEvalJunitReport({ path, meta, repeated: false })
      : await openEvalHtmlReport({ path, meta, repeated: false });
  const aggregator = createEvalAggregator();
  for (const result of results) {
    aggregator.add(result);
    await report.add(result);
  }
  await report.finish({ summary: aggregator.summary() });
  return path;
}

function xmllint(args: string[]): { status: number | null; output: string } {
  const run = spawnSync('xmllint', args, { encoding: 'utf8' });
  return { status: run.status, output: `${run.stderr}${run.stdout}` };
}

describe('openEvalJunitReport', () => {
  it('writes well-formed JUnit with a testcase per case and failures for non-certified or mismatched cases', async () => {
    const path = await write({ kind: 'junit', name: 'report.xml' });
    expect(xmllint(['--noout', path])).toEqual({ status: 0, output: '' });
    const xml = await readFile(path, 'utf8');
    expect(xml).toMatch(/<testsuite name="support-answer" tests="4" failures="3" errors="0" skipped="0"/);
    expect(xml.match(/<testcase /g)).toHaveLength(4);
    expect(xml.match(/<failure /g)).toHaveLength(3);
    expect(xml).toContain('<failure type="stopped" message="outcome stopped">');
    expect(xml).toContain('<failure type="expected"');
    expect(xml).not.toContain('<skipped');
    expect(xml).not.toContain('<script>');
    // The spool is gone once the report is complete.
    expect((await readdir(dir)).filter((name) => name.endsWith('.spool'))).toEqual([]);
  });

  it.skipIf(!hasXsd)(
    `is valid against the JUnit XSD${hasXsd ? '' : ' (skipped: vector not found)'}`,
    async () => {
      const path = await write({ kind: 'junit', name: 'schema.xml' });
      expect(xmllint(['--noout', '--schema', XSD, path]).status).toBe(0);
    },
  );
});

describe('openEvalHtmlReport', () => {
  it('writes one self-contained page, every value escaped, with the constraint matrix', async () => {
    const path = await write({ kind: 'html', name: 'report.html' });
    const html = await readFile(path, 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toContain('<script');
    expect(html).not.toMatch(/(src|href)=/);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('<th>answer.shape</th><th>answer.short</th>');
    // Four case rows, each with one cell per constraint.
    const rows = html.split('\n').filter((line) => line.startsWith('<tr><td title='));
    expect(rows).toHaveLength(4);
    expect(rows[1]).toContain('<td class="bad">stopped</td>');
    expect(rows[1]).toContain('title="answer.short: not declared"');
    // HTML is XML-shaped enough for xmllint's HTML parser to find no errors.
    expect(xmllint(['--html', '--noout', path]).output).toBe('');
  });
});
