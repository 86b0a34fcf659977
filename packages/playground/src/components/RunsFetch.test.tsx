import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/client.js';
import { ApiErrorBox, useFetched } from './RunsFetch.js';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function Reader(props: { load: () => Promise<string> }): ReactNode {
  const fetched = useFetched({ key: 'k', load: props.load });
  if (fetched.state === 'loading') return <p>loading</p>;
  if (fetched.state === 'error')
    return <ApiErrorBox error={fetched.error} what="it" onRetry={fetched.retry} />;
  return <p>{fetched.value}</p>;
}

describe('ApiErrorBox and useFetched', () => {
  it('lists every problem the server pointed at, even two alike, without a React key warning', () => {
    const warn = vi.spyOn(console, 'error');
    const issue = { path: '/outcome', message: 'not an outcome' };
    render(
      <ApiErrorBox
        error={
          new ApiError({
            status: 400,
            code: 'NC_API_BAD_REQUEST',
            message: 'bad query',
            details: { issues: [issue, issue] },
          })
        }
        what="runs"
      />,
    );
    expect(screen.getAllByRole('listitem')).toHaveLength(2);
    expect(screen.getByRole('alert').textContent).toContain('NC_API_BAD_REQUEST: bad query');
    expect(warn).not.toHaveBeenCalled();
  });

  it('points to Settings when the server wants a key', () => {
    render(
      <ApiErrorBox
        error={new ApiError({ status: 401, code: 'NC_API_UNAUTHENTICATED', message: 'no key' })}
        what="runs"
      />,
    );
    expect(screen.getByRole('link', { name: 'Settings' }).getAttribute('href')).toBe('#/settings');
  });

  it('reads again on Try again', async () => {
    const load = vi
      .fn<() => Promise<string>>()
      .mockRejectedValueOnce(
        new ApiError({ status: 0, code: 'NETWORK', message: 'the server could not be reached' }),
      )
      .mockResolvedValueOnce('loaded');
    render(<Reader load={load} />);
    expect((await screen.findByRole('alert')).textContent).toContain('NETWORK');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('loaded')).toBeTruthy();
    expect(load).toHaveBeenCalledTimes(2);
  });
});
