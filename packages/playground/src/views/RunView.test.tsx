import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSseParser } from '../api/sse-parser.js';
import type { RunDocument } from '../api/types.js';
import { IDEA_TO_RISKS_RUN, SUPPORT_ANSWER } from '../fixtures/recorded.js';
import { readRecordedSse } from '../fixtures/recorded-sse.js';
import { parseHash } from '../router.js';
import { RunView } from './RunView.js';

const sse = readRecordedSse();
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('RunView', () => {
  it('follows a running run over SSE to its outcome, then shows the verified certificate', async () => {
    // The recorded live stream, replayed; the run document first says running with 4 events.
    const events = createSseParser()
      .push(sse)
      .map((message) => JSON.parse(message.data) as RunDocument['events'][number]);
    const runId = events[0]?.data && (events[0].data as { run_id: string }).run_id;
    const id = String(runId);
    const running: RunDocument = {
      summary: { ...SUPPORT_ANSWER.run.summary, run_id: id, outcome: 'running', event_count: 4 },
      events: events.slice(0, 4),
      certificate: null,
    };
    const stored: RunDocument = {
      ...SUPPORT_ANSWER.run,
      events,
      summary: { ...SUPPORT_ANSWER.run.summary, run_id: id },
    };
    let gets = 0;
    const fetch = vi.fn(async (url: string, init: RequestInit = {}) => {
      if (url === `/api/runs/${id}`) return json(gets++ === 0 ? running : stored);
      if (url === `/api/runs/${id}/events`) {
        const headers = init.headers as Record<string, string>;
        expect(headers['last-event-id']).toBe('3');
        return new Response(sse, { headers: { 'content-type': 'text/event-stream' } });
      }
      if (url.startsWith(`/api/runs/${id}/certificate`)) return json(SUPPORT_ANSWER.bundle);
      if (url === '/api/certificates/verify') return json(SUPPORT_ANSWER.verify);
      return json({ error: { code: 'NC_API_NOT_FOUND', message: url } }, 404);
    });
    vi.stubGlobal('fetch', fetch);
    render(<RunView runId={id} route={parseHash(`#/runs/${id}`)} />);
    expect((await screen.findByTestId('outcome-badge')).textContent).toBe('certified');
    expect(screen.getAllByTestId('attempt')).toHaveLength(5);
    expect((await screen.findByTestId('certificate-verification')).textContent).toContain('verified');
    expect(gets).toBe(2);
  });

  it('loads a finished run from the API without a stream, with a step graph for a DAG', async () => {
    const id = IDEA_TO_RISKS_RUN.summary.run_id;
    const fetch = vi.fn(async (url: string) => {
      if (url === `/api/runs/${id}`) return json(IDEA_TO_RISKS_RUN);
      return json({ error: { code: 'NC_API_NOT_FOUND', message: 'no certificate' } }, 404);
    });
    vi.stubGlobal('fetch', fetch);
    render(<RunView runId={id} route={parseHash(`#/runs/${id}`)} />);
    expect((await screen.findByTestId('outcome-badge')).textContent).toBe('certified');
    expect(screen.getByRole('figure', { name: 'Step graph' })).toBeDefined();
    await waitFor(() => expect(fetch.mock.calls.some(([url]) => url.endsWith('/events'))).toBe(false));
  });

  it('waits for the certificate of a run stored but not yet certified, then shows it', async () => {
    const id = SUPPORT_ANSWER.run.summary.run_id;
    const uncertified: RunDocument = { ...SUPPORT_ANSWER.run, certificate: null };
    let gets = 0;
    let streams = 0;
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => {
        if (url === `/api/runs/${id}`) return json(gets++ === 0 ? uncertified : SUPPORT_ANSWER.run);
        if (url === `/api/runs/${id}/events`) {
          streams += 1;
          return new Response('', { headers: { 'content-type': 'text/event-stream' } });
        }
        if (url.startsWith(`/api/runs/${id}/certificate`)) return json(SUPPORT_ANSWER.bundle);
        if (url === '/api/certificates/verify') return json(SUPPORT_ANSWER.verify);
        return json({ error: { code: 'NC_API_NOT_FOUND', message: url } }, 404);
      }),
    );
    render(<RunView runId={id} route={parseHash(`#/runs/${id}`)} />);
    expect((await screen.findByTestId('certificate-verification')).textContent).toContain('verified');
    expect([gets, streams]).toEqual([2, 1]);
    expect(screen.queryByText(/no certificate/)).toBeNull();
  });

  it("keeps what arrived when following stops, says why with the server's code, and can follow again", async () => {
    const events = createSseParser()
      .push(sse)
      .map((message) => JSON.parse(message.data) as RunDocument['events'][number]);
    const id = String((events[0]?.data as { run_id?: string } | undefined)?.run_id);
    const running: RunDocument = {
      summary: { ...SUPPORT_ANSWER.run.summary, run_id: id, outcome: 'running', event_count: 4 },
      events: events.slice(0, 4),
      certificate: null,
    };
    let streams = 0;
    const fetch = vi.fn(async (url: string) => {
      if (url === `/api/runs/${id}`) return json(running);
      if (url === `/api/runs/${id}/events`) {
        streams += 1;
        return json({ error: { code: 'NC_API_FORBIDDEN', message: 'the key may not read this run' } }, 403);
      }
      return json({ error: { code: 'NC_API_NOT_FOUND', message: url } }, 404);
    });
    vi.stubGlobal('fetch', fetch);
    render(<RunView runId={id} route={parseHash(`#/runs/${id}`)} />);
    const status = screen.getByTestId('run-feed-status');
    await waitFor(() => expect(status.textContent).toContain('NC_API_FORBIDDEN'));
    expect(status.textContent).toContain('The event stream closed before the run finished');
    expect(screen.getAllByTestId('timeline-step').length).toBeGreaterThan(0);
    expect(streams).toBe(1);
    fireEvent.click(screen.getByRole('button', { name: 'Follow again' }));
    await waitFor(() => expect(streams).toBe(2));
  });

  it("says when the run does not exist, with the server's code", async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => json({ error: { code: 'NC_API_NOT_FOUND', message: 'no run nope' } }, 404)),
    );
    render(<RunView runId="nope" route={parseHash('#/runs/nope')} />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('There is no run nope');
    expect(alert.textContent).toContain('NC_API_NOT_FOUND');
  });
});
