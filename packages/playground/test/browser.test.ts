import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserAvailable,
  buildPlayground,
  createProject,
  launchBrowser,
  openPage,
  type ServedProject,
  screenshot,
  serveProject,
} from './browser-harness.js';

// Real Chromium against `nanocode serve` on loopback. Under CI a missing browser fails the run.
const run = browserAvailable() || process.env.CI === 'true';
if (!run) console.warn('browser tests skipped: /usr/bin/chromium is missing (apt-get install -y chromium)');

describe.runIf(run)('playground in Chromium', () => {
  let served: ServedProject;
  let browser: Browser;

  beforeAll(async () => {
    const [playgroundDir, dir] = await Promise.all([buildPlayground(), createProject()]);
    served = await serveProject({ dir, playgroundDir });
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
  });

  it('loads the app shell from nanocode serve, with keyboard-reachable navigation', async () => {
    const { page, errors } = await openPage({ browser, url: served.url });
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    await page.getByLabel('API key').fill('nck_example');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').getByText('API key saved').waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem('nanocode.apiKey'))).toBe('nck_example');
    await screenshot({ page, name: 'shell-settings' });
    expect(errors).toEqual([]);
  });
});
