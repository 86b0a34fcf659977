import { describe, expect, it } from 'vitest';
import { allRuns, exceptionsRun, sealRun, stoppedRun } from './export-runs.test-util.js';
import { toHtmlReport } from './to-html-report.js';

function section(html: string, id: string): string {
  return html.match(new RegExp(`<section id="${id}">([\\s\\S]*?)</section>`))?.[1] ?? '';
}

describe('toHtmlReport', () => {
  it('escapes every value from the run: hostile text never becomes markup', () => {
    const html = toHtmlReport({
      ...exceptionsRun(),
      verification: { ok: false, message: '<script>x</script>' },
    });
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('pilot &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;');
    expect(html).toContain('<strong>Verification failed.</strong> &lt;script&gt;x&lt;/script&gt;');
  });

  it('escapes hostile names in the header, ids and outcome too', () => {
    const run = sealRun({
      header: {
        run_id: '<img src=x onerror=alert(1)>',
        workflow: { name: '<b>wf</b>', version: '1', digest: 'd' },
      },
      events: [
        {
          type: 'run.completed',
          data: {
            outcome: '"><script>' as 'certified',
            constraints: [{ step: '<s>', id: '<i>', status: 'not_applicable' }],
            consumed: { attempts: 0, tokens: 0, cost_usd: 0, time_ms: 0 },
          },
        },
      ],
    });
    const html = toHtmlReport(run);
    expect(html).not.toMatch(/<(script|img|b|s|i)[ >]/);
    expect(html).toContain('class="badge &quot;&gt;&lt;script&gt;"');
  });

  it('is one self-contained file: inline CSS, no scripts, no external resources', async () => {
    for (const [name, run] of Object.entries(await allRuns())) {
      const html = toHtmlReport(run);
      expect(html.startsWith('<!DOCTYPE html>'), name).toBe(true);
      expect(html.match(/<style>/g), name).toHaveLength(1);
      expect(html, name).not.toMatch(/<script|<link|<img|<iframe|\bsrc=|\bhref=|url\(|@import|https?:/i);
    }
  });

  it('shows the outcome badge, verification status, constraints, budget and models', () => {
    const html = toHtmlReport({
      ...exceptionsRun(),
      verification: { ok: true, message: 'signature and chain ok' },
    });
    expect(html).toContain('<span class="badge certified_with_exceptions">certified with exceptions</span>');
    expect(section(html, 'verification')).toContain(
      '<p class="verify ok"><strong>Verified.</strong> signature and chain ok</p>',
    );
    const constraints = section(html, 'constraints');
    expect(constraints.match(/<tr class="(\w+)">/g)).toEqual([
      '<tr class="passed">',
      '<tr class="waived">',
      '<tr class="failed">',
      '<tr class="errored">',
    ]);
    expect(constraints).toContain('granted by risk-office, expires 2999-01-01');
    expect(section(html, 'budget')).toContain('<tr><td>tokens</td><td>20000</td><td>165</td></tr>');
    expect(section(html, 'models')).toContain(
      '<td class="mono">openai:gpt-4o-mini</td><td class="mono">gpt-4o-mini-2024-07-18</td><td>1</td><td>120</td><td>45</td><td>0.0004</td>',
    );
  });

  it('says when the report was exported without verification', () => {
    expect(section(toHtmlReport(exceptionsRun()), 'verification')).toContain('Not verified');
  });

  it('lists every event in the ladder timeline, with each recovery move and its trigger', () => {
    const run = stoppedRun();
    const timeline = section(toHtmlReport(run), 'timeline');
    expect(timeline.match(/<tr class=/g)).toHaveLength(run.events.length);
    expect(timeline).toContain('retry: openai:a → openai:a (trigger: rate_limited)');
    expect(timeline).toContain('fallback: openai:a → anthropic:b (trigger: shape)');
    expect(timeline).toContain('stop: anthropic:b → stop (trigger: budget attempts)');
    expect(timeline).toContain('attempts: 3 of 3');
    expect(timeline).toContain('rate_limited (429): slow down');
  });
});
