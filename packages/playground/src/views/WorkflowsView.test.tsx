import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WORKFLOWS } from '../fixtures/recorded.js';
import { WorkflowsView } from './WorkflowsView.js';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('WorkflowsView', () => {
  it('lists the recorded workflows with links to each', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => json(WORKFLOWS)),
    );
    render(<WorkflowsView />);
    const link = await screen.findByRole('link', { name: 'support-answer' });
    expect(link.getAttribute('href')).toBe('#/workflows/support-answer');
    expect(screen.getAllByRole('row')).toHaveLength(WORKFLOWS.workflows.length + 1);
    expect(screen.getAllByText('valid')).toHaveLength(WORKFLOWS.workflows.length);
  });

  it('says so when there are none', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => json({ workflows: [] })),
    );
    render(<WorkflowsView />);
    expect((await screen.findByText(/No workflows yet/)).className).toBe('empty');
  });

  it("shows the server's error, points to Settings on 401, and can try again", async () => {
    const fetch = vi
      .fn()
      .mockResolvedValueOnce(
        json({ error: { code: 'NC_API_UNAUTHENTICATED', message: 'no valid API key' } }, 401),
      )
      .mockResolvedValueOnce(json(WORKFLOWS));
    vi.stubGlobal('fetch', fetch);
    render(<WorkflowsView />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('NC_API_UNAUTHENTICATED: no valid API key');
    expect(screen.getByRole('link', { name: 'Settings' })).toBeDefined();
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('link', { name: 'support-answer' })).toBeDefined();
  });
});
