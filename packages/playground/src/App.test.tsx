import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from './App.js';
import { WORKFLOWS } from './fixtures/recorded.js';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('App', () => {
  it('says with a code that the server cannot be reached, instead of a blank page', async () => {
    globalThis.location.hash = '#/';
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    render(<App />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('NETWORK: the server could not be reached');
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeTruthy();
  });

  it('shows a coded message when a view fails to render, keeps the menu, and recovers on the next page', async () => {
    // A reply of the wrong shape makes the workflows view throw while rendering.
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    let shape: unknown = { workflows: 'not a list' };
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => json(shape)),
    );
    globalThis.location.hash = '#/';
    render(<App />);
    const failed = await screen.findByTestId('view-failed');
    expect(failed.getAttribute('role')).toBe('alert');
    expect(failed.textContent).toContain('CLIENT');
    expect(screen.getByRole('link', { name: 'Runs' })).toBeTruthy();
    shape = WORKFLOWS;
    globalThis.location.hash = '#/workflows';
    globalThis.dispatchEvent(new HashChangeEvent('hashchange'));
    expect(await screen.findByRole('link', { name: 'support-answer' })).toBeTruthy();
    expect(screen.queryByTestId('view-failed')).toBeNull();
  });

  it('shows the not-found page for an address with a broken escape', () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => json({})),
    );
    globalThis.location.hash = '#/nowhere%E0%A4%A';
    render(<App />);
    expect(screen.getByRole('heading', { name: 'Page not found' })).toBeTruthy();
  });
});
