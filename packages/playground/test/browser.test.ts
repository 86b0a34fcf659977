import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserAvailable,
  buildPlayground,
  createProject,
  launchBrowser,
  openPage,
  runNanocode,
  type ServedProject,
  screenshot,
  serveProject,
} from './browser-harness.js';

// Real Chromium against `nanocode serve` on loopback, over a copy of the examples. Everything the pages
// show comes from the server: runs made by the CLI and by the page itself, evals made by `nanocode eval`.
// Under CI a missing browser fails the run instead of skipping it.
const run = browserAvailable() || process.env.CI === 'true';
if (!run) console.warn('browser tests skipped: /usr/bin/chromium is missing (apt-get install -y chromium)');

/** Three cases of the constraint playground; the long one is refused by its input check. */
const DATASET = [
  { id: 'nanocode', inputs: { product: 'Nanocode' } },
  { id: 'widget', inputs: { product: 'Nanocode widgets' } },
  { id: 'too-long', inputs: { product: 'x'.repeat(70) } },
]
  .map((line) => JSON.stringify(line))
  .join('\n');

async function seed(dir: string): Promise<void> {
  const steps: string[][] = [
    [
      'run',
      'examples/support-answer/workflow.yaml',
      '--input-file',
      'examples/support-answer/inputs.json',
      '--profile',
      'dev',
    ],
    ['run', 'examples/constraint-playground/workflow.yaml', '--profile', 'dev'],
    ['run', 'examples/constraint-playground/workflow.yaml', '--profile', 'prod'],
  ];
  await writeFile(join(dir, 'cases.jsonl'), `${DATASET}\n`);
  for (const profile of ['dev', 'prod']) {
    steps.push([
      'eval',
      'examples/constraint-playground/workflow.yaml',
      'cases.jsonl',
      '--profile',
      profile,
      '--quiet',
    ]);
  }
  for (const args of steps) {
    const result = await runNanocode({ cwd: dir, args });
    // An eval exits 1 when its pass rate is under the bar, which the refused case makes it; both are seeds.
    if (result.code !== 0 && !(args[0] === 'eval' && result.code === 1)) {
      throw new Error(
        `seeding failed: nanocode ${args.join(' ')} → ${result.code}\n${result.out}\n${result.err}`,
      );
    }
  }
}

/** Waits until the page's address matches (hash routes change no document, so no load event). */
async function waitForHash(page: Page, pattern: RegExp): Promise<void> {
  await expect.poll(() => page.url(), { timeout: 20_000 }).toMatch(pattern);
}

/** The rows of the runs table, as their visible text. */
async function runRows(page: Page): Promise<string[]> {
  return page.getByTestId('runs-table').locator('tbody tr').allInnerTexts();
}

describe.runIf(run)('playground in Chromium', () => {
  let served: ServedProject;
  let browser: Browser;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const [playgroundDir, dir] = await Promise.all([buildPlayground(), createProject()]);
    await seed(dir);
    served = await serveProject({ dir, playgroundDir });
    browser = await launchBrowser();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    // No page threw or logged an error in any scenario.
    expect(pageErrors).toEqual([]);
  });

  async function open(hash: string): Promise<Page> {
    const { page, errors } = await openPage({ browser, url: `${served.url}/${hash}` });
    page.on('close', () => pageErrors.push(...errors));
    return page;
  }

  it('keeps the API key in the session and reaches every section by keyboard-navigable links', async () => {
    const page = await open('');
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByLabel('API key').fill('nck_example');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').getByText('API key saved').waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem('nanocode.apiKey'))).toBe('nck_example');
    await page.getByLabel('API key').fill('');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').getByText('API key cleared').waitFor();
    await screenshot({ page, name: '01-settings' });
    await page.close();
  });

  it('edits a workflow and shows the validation error at its line', async () => {
    const page = await open('#/workflows/constraint-playground');
    const editor = page.getByTestId('yaml-editor');
    await editor.waitFor();
    const text = await editor.inputValue();
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes('kind: starts_with')) + 1;
    expect(line).toBeGreaterThan(0);
    await editor.fill(text.replace('kind: starts_with', 'kind: starts_wiht'));
    const error = page.getByTestId('validation-error').first();
    await error.waitFor();
    expect(await error.getAttribute('data-line')).toBe(String(line));
    expect(await error.textContent()).toContain(`Line ${line}:`);
    expect(await error.textContent()).toContain('NC_CFG_UNKNOWN_KIND');
    await screenshot({ page, name: '02-editor-error' });
    // Fixing the text clears the error.
    await editor.fill(text);
    await page.getByTestId('validation-error').first().waitFor({ state: 'detached' });
    await page.close();
  });

  it('runs an example, watches the timeline reach its outcome, and sees the certificate verified', async () => {
    const page = await open('#/workflows/support-answer');
    await page.getByTestId('input-question').waitFor();
    await page.getByLabel('Profile').selectOption('dev');
    await page.getByTestId('input-question').fill('How long do refunds take?');
    await page
      .getByTestId('input-context')
      .fill(
        'Refunds are processed within 5 business days of approval. Contact support through the help centre.',
      );
    await page.getByTestId('run-button').click();
    await waitForHash(page, /#\/runs\/[^/?]+/);
    await page.getByTestId('timeline').waitFor();
    const outcome = page.getByTestId('outcome-badge');
    await outcome.waitFor();
    await expect.poll(() => outcome.textContent(), { timeout: 30_000 }).toBe('certified');
    // The ladder climbed, as the example's scripted replies make it: retries, a fallback, a repair.
    const moves = await page
      .getByTestId('ladder-move')
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-strategy')));
    expect(moves).toEqual(expect.arrayContaining(['retry', 'fallback', 'repair']));
    await screenshot({ page, name: '03-run-timeline' });

    const verification = page.getByTestId('certificate-verification');
    await verification.waitFor({ timeout: 30_000 });
    expect(await verification.getAttribute('data-ok')).toBe('true');
    expect(((await verification.textContent()) ?? '').toLowerCase()).toContain('verified');
    const statuses = await page.getByTestId('constraint-status').allInnerTexts();
    expect(statuses.length).toBeGreaterThan(0);
    for (const format of ['bundle', 'otlp', 'junit', 'sarif', 'html']) {
      await page.getByTestId(`export-${format}`).waitFor();
    }
    await page.getByTestId('certificate').scrollIntoViewIfNeeded();
    await screenshot({ page, name: '04-certificate-verified' });
    await page.close();
  });

  it('filters runs and compares two', async () => {
    const page = await open('#/runs');
    await page.getByTestId('runs-table').waitFor();
    expect((await runRows(page)).length).toBeGreaterThanOrEqual(3);
    await page.getByTestId('runs-filter-workflow').fill('constraint-playground');
    await page.getByTestId('runs-filter-apply').click();
    await expect
      .poll(async () => (await runRows(page)).every((row) => row.includes('constraint-playground')))
      .toBe(true);
    expect(page.url()).toContain('workflow=constraint-playground');
    const boxes = page.locator('[data-testid^="run-select-"]');
    expect(await boxes.count()).toBeGreaterThanOrEqual(2);
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await screenshot({ page, name: '05-runs-filtered' });
    await page.getByRole('button', { name: /compare/i }).click();
    await waitForHash(page, /#\/compare\?/);
    const table = page.getByTestId('compare-table');
    await table.waitFor();
    expect(await table.textContent()).toContain('constraint-playground');
    await screenshot({ page, name: '06-runs-compared' });
    await page.close();
  });

  it('opens an eval matrix and compares the dev and prod evals', async () => {
    const page = await open('#/evals');
    await page.getByTestId('evals-table').waitFor();
    const boxes = page.locator('[data-testid^="eval-select-"]');
    await expect.poll(() => boxes.count()).toBe(2);
    await page.getByTestId('evals-table').getByRole('link').first().click();
    await waitForHash(page, /#\/evals\/[^/?]+/);
    const matrix = page.getByTestId('eval-matrix');
    await matrix.waitFor();
    const text = await matrix.textContent();
    for (const id of ['nanocode', 'widget', 'too-long']) expect(text).toContain(id);
    await screenshot({ page, name: '07-eval-matrix' });
    await page.goto(`${served.url}/#/evals`);
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await page.getByRole('button', { name: /compare/i }).click();
    await waitForHash(page, /#\/evals\/compare\?/);
    await page.getByTestId('eval-compare').waitFor();
    await screenshot({ page, name: '08-eval-compare' });
    await page.close();
  });
});
