import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { writeApiKey } from '../api/client.js';
import type { VerifyReport } from '../api/types.js';
import {
  PLAYGROUND_DEV,
  PLAYGROUND_PROD,
  PLAYGROUND_REFUSED,
  type RecordedCertifiedRun,
  SUPPORT_ANSWER,
} from '../fixtures/recorded.js';
import { CertificateView } from './CertificateView.js';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** A fake server answering with recorded replies: the bundle for GET, `verify` for the verify call. */
function serve(recorded: RecordedCertifiedRun, verify: VerifyReport = recorded.verify) {
  const fetch = vi.fn(async (url: string, init: RequestInit = {}) => {
    if (url === '/api/certificates/verify' && init.method === 'POST') return json(verify);
    if (url.startsWith(`/api/runs/${recorded.run.summary.run_id}/certificate`)) {
      return url.endsWith('format=bundle')
        ? json(recorded.bundle)
        : new Response('<testsuites/>', { status: 200 });
    }
    return json({ error: { code: 'NC_API_NOT_FOUND', message: `no route ${url}` } }, 404);
  });
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

beforeEach(() => writeApiKey(''));
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  writeApiKey('');
});

describe('CertificateView (recorded certificates and server replies)', () => {
  it('shows the outcome, the constraint table and the server-verified state with each check', async () => {
    const fetch = serve(SUPPORT_ANSWER);
    render(<CertificateView runId={SUPPORT_ANSWER.run.summary.run_id} />);
    const status = await screen.findByTestId('certificate-verification');
    expect(status.textContent).toContain('verified');
    expect(status.getAttribute('data-ok')).toBe('true');
    expect(screen.getByTestId('certificate-outcome').textContent).toBe('certified');
    const table = screen.getByRole('table', { name: 'Constraint statuses in the certificate' });
    expect(
      within(table)
        .getAllByTestId('constraint-status')
        .map((row) => [row.querySelector('th')?.textContent, row.getAttribute('data-status')]),
    ).toEqual([
      ['shape', 'enforced'],
      ['grounded', 'enforced'],
      ['short', 'enforced'],
      ['no-pii', 'enforced'],
      ['calm', 'enforced'],
    ]);
    const checks = screen.getAllByTestId('verification-check');
    expect(
      checks.map((row) => [row.querySelector('th')?.textContent, row.getAttribute('data-result')]),
    ).toEqual([
      ['signature', 'passed'],
      ['types', 'passed'],
      ['chain', 'passed'],
      ['summary', 'passed'],
      ['subject', 'passed'],
      ['log inclusion', 'passed'],
    ]);
    // The verify call sent the bundle the server gave.
    const verifyCall = fetch.mock.calls.find(([url]) => url === '/api/certificates/verify');
    expect(JSON.parse(String(verifyCall?.[1]?.body))).toEqual(SUPPORT_ANSWER.bundle);
  });

  it('shows a failed verification with the failing check and the skipped ones', async () => {
    serve(SUPPORT_ANSWER, SUPPORT_ANSWER.verifyFailed);
    render(<CertificateView runId={SUPPORT_ANSWER.run.summary.run_id} />);
    const status = await screen.findByTestId('certificate-verification');
    expect(status.textContent).toBe('Verification failed');
    expect(status.textContent).not.toContain('verified');
    expect(status.parentElement?.textContent).toContain('chain_hash_mismatch at event 5');
    const results = Object.fromEntries(
      screen
        .getAllByTestId('verification-check')
        .map((row) => [row.querySelector('th')?.textContent, row.getAttribute('data-result')]),
    );
    expect(results).toMatchObject({
      signature: 'passed',
      chain: 'failed',
      summary: 'skipped',
      subject: 'skipped',
    });
  });

  it('shows a waived constraint with its reason and approver', async () => {
    serve(PLAYGROUND_PROD);
    render(<CertificateView runId={PLAYGROUND_PROD.run.summary.run_id} />);
    await screen.findByTestId('certificate-verification');
    const waived = screen
      .getAllByTestId('constraint-status')
      .filter((row) => row.getAttribute('data-status') === 'waived');
    expect(waived).toHaveLength(1);
    expect(waived[0]?.textContent).toContain('tone');
    expect(waived[0]?.textContent).toContain(
      'Tone check is being recalibrated; tracked in the risk register.',
    );
    expect(waived[0]?.textContent).toContain('approved by risk-office');
    expect(screen.getByTestId('certificate-outcome').textContent).toBe('certified_with_exceptions');
  });

  it('shows violated and not applicable constraints in words, not colour alone', async () => {
    serve(PLAYGROUND_DEV);
    const { unmount } = render(<CertificateView runId={PLAYGROUND_DEV.run.summary.run_id} />);
    await screen.findByTestId('certificate-verification');
    const violated = screen
      .getAllByTestId('constraint-status')
      .find((row) => row.getAttribute('data-status') === 'violated');
    expect(violated?.textContent).toContain('violated');
    unmount();
    vi.unstubAllGlobals();
    serve(PLAYGROUND_REFUSED);
    render(<CertificateView runId={PLAYGROUND_REFUSED.run.summary.run_id} />);
    await screen.findByTestId('certificate-verification');
    expect(screen.getByTestId('certificate-outcome').textContent).toBe('stopped');
    const statuses = screen.getAllByTestId('constraint-status').map((row) => row.getAttribute('data-status'));
    expect(statuses[0]).toBe('violated');
    expect(statuses.slice(1).every((status) => status === 'not_applicable')).toBe(true);
    expect(screen.getAllByText('not applicable').length).toBe(statuses.length - 1);
  });

  it('links every export format, as plain links without an API key', async () => {
    serve(SUPPORT_ANSWER);
    const runId = SUPPORT_ANSWER.run.summary.run_id;
    render(<CertificateView runId={runId} />);
    await screen.findByTestId('certificate-verification');
    for (const format of ['bundle', 'otlp', 'junit', 'sarif', 'html']) {
      const link = screen.getByTestId(`export-${format}`);
      expect(link.getAttribute('href')).toBe(`/api/runs/${runId}/certificate?format=${format}`);
      expect(link.getAttribute('download')).toMatch(new RegExp(`^${runId}\\.`));
    }
  });

  it('downloads with the API key through an object URL when a key is set', async () => {
    writeApiKey('nk_test_key');
    const fetch = serve(SUPPORT_ANSWER);
    const createObjectURL = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:export');
    vi.spyOn(URL, 'revokeObjectURL').mockReturnValue(undefined);
    render(<CertificateView runId={SUPPORT_ANSWER.run.summary.run_id} />);
    await screen.findByTestId('certificate-verification');
    fireEvent.click(screen.getByTestId('export-junit'));
    await waitFor(() => expect(createObjectURL).toHaveBeenCalledTimes(1));
    const call = fetch.mock.calls.find(([url]) => url.endsWith('format=junit'));
    expect((call?.[1]?.headers as Record<string, string> | undefined)?.authorization).toBe(
      'Bearer nk_test_key',
    );
    expect(await screen.findByText('Downloaded JUnit XML.')).toBeDefined();
  });

  it("shows the server's error when there is no certificate", async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () =>
        json({ error: { code: 'NC_API_NOT_FOUND', message: 'no certificate for run x' } }, 404),
      ),
    );
    render(<CertificateView runId="x" />);
    const alert = await screen.findAllByRole('alert');
    expect(alert[0]?.textContent).toContain('NC_API_NOT_FOUND: no certificate for run x');
    expect(screen.queryByTestId('export-bundle')).toBeNull();
  });
});
