import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { allRuns, exceptionsRun, stoppedRun, vector } from './export-runs.test-util.js';
import { toJunitXml } from './to-junit-xml.js';

const xsd = vector('junit-xml/junit-10.xsd');
const hasXmllint = spawnSync('xmllint', ['--version']).status === 0;
const work = mkdtempSync(join(tmpdir(), 'nanocode-junit-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Validates with libxml2 (a real XML parser and XSD validator); returns its complaints, empty when valid. */
function xmllint(options: { xml: string; name: string }): string {
  if (!hasXmllint) {
    throw new Error(
      'this test needs `xmllint` on PATH: install the libxml2-utils package (apt-get install libxml2-utils)',
    );
  }
  const file = join(work, `${options.name}.xml`);
  writeFileSync(file, options.xml);
  const result = spawnSync('xmllint', ['--noout', '--schema', xsd.path, file], { encoding: 'utf8' });
  return result.status === 0 ? '' : `${result.stderr}${result.stdout}`;
}

function testcases(xml: string): Array<{ name: string; body: string }> {
  return [...xml.matchAll(/<testcase name="([^"]*)"[^>]*?(?:\/>|>([\s\S]*?)<\/testcase>)/g)].map((m) => ({
    name: m[1] ?? '',
    body: m[2] ?? '',
  }));
}

describe('toJunitXml', () => {
  it.skipIf(!xsd.present)(
    `is valid against the JUnit XSD for every fixture run (xmllint)${xsd.note}`,
    async () => {
      for (const [name, run] of Object.entries(await allRuns())) {
        expect(xmllint({ xml: toJunitXml(run), name }), name).toBe('');
      }
    },
  );

  it.skipIf(!xsd.present)(`is rejected by the validator when it breaks the schema${xsd.note}`, () => {
    // Guards the guard: a wrong attribute and an unescaped `<` must both make xmllint complain.
    const xml = toJunitXml(exceptionsRun());
    expect(
      xmllint({ xml: xml.replace('<testsuites ', '<testsuites skipped="1" '), name: 'bad-attr' }),
    ).not.toBe('');
    expect(xmllint({ xml: xml.replace('&lt;script', '<script'), name: 'bad-markup' })).not.toBe('');
  });

  it('has one suite per step, a testcase per constraint, and the outcome case', () => {
    const xml = toJunitXml(exceptionsRun());
    expect(xml.match(/<testsuite /g)).toHaveLength(2);
    expect(testcases(xml).map((c) => c.name)).toEqual(['shape', 'short', 'tone', 'calm', 'outcome']);
    expect(xml).toContain('<testsuites name="nanocode support-answer" tests="5" failures="1" errors="1">');
    expect(xml).toContain('<testsuite name="answer" id="0" tests="4" failures="1" errors="1" skipped="1"');
    expect(xml).toContain('<property name="run_id" value="run-hand"/>');
    expect(xml).toContain('<property name="outcome" value="certified_with_exceptions"/>');
  });

  it('marks a waived constraint skipped with the escaped reason, a violation failed, unchecked an error', () => {
    const cases = testcases(toJunitXml(exceptionsRun()));
    const body = (name: string) => cases.find((c) => c.name === name)?.body ?? '';
    expect(body('shape')).toBe('');
    expect(body('short')).toMatch(
      /<skipped type="waived" message="waived: pilot &lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt; &amp; &#39;quotes&#39; \]\]&gt; \uFFFD \(granted by risk-office, expires 2999-01-01\)">/,
    );
    expect(body('tone')).toContain('<failure type="violated" message="contains &quot;!&quot;">');
    expect(body('calm')).toContain('<error type="unchecked" message="no such key: missing">');
    expect(body('short')).toContain('$.answer: &quot;&lt;script&gt;');
  });

  it('fails the blocking hard constraint and the outcome case of a stopped run', () => {
    const cases = testcases(toJunitXml(stoppedRun()));
    expect(cases.find((c) => c.name === 'shape')?.body).toContain('<failure type="not_applicable"');
    expect(cases.find((c) => c.name === 'shape')?.body).toContain('evaluated at event seq 8, 12');
    expect(cases.find((c) => c.name === 'outcome')?.body).toContain(
      '<failure type="stopped" message="the run stopped safely; nothing was released"',
    );
  });

  it('records the verification result as a suite property when given', () => {
    const xml = toJunitXml({ ...exceptionsRun(), verification: { ok: false, message: 'bad <sig>' } });
    expect(xml).toContain('<property name="verification" value="failed: bad &lt;sig&gt;"/>');
    expect(toJunitXml(exceptionsRun())).not.toContain('name="verification"');
  });

  it('errors the outcome case of a run refused for bad input', async () => {
    const { refused } = await allRuns();
    const xml = toJunitXml(refused as NonNullable<typeof refused>);
    expect(testcases(xml).find((c) => c.name === 'outcome')?.body).toContain(
      '<error type="NC_RUN_INPUT_INVALID"',
    );
    expect(xml).toContain('<property name="error_code" value="NC_RUN_INPUT_INVALID"/>');
  });
});
