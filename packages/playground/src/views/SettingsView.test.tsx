import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readApiKey } from '../api/client.js';
import { SettingsView } from './SettingsView.js';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  sessionStorage.clear();
});

describe('SettingsView', () => {
  it('keeps the key for the session, and forgets it when cleared', () => {
    render(<SettingsView />);
    fireEvent.change(screen.getByLabelText('API key'), { target: { value: ' nck_example ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(readApiKey()).toBe('nck_example');
    expect(screen.getByRole('status').textContent).toBe('API key saved for this browser session.');
    fireEvent.change(screen.getByLabelText('API key'), { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(readApiKey()).toBeUndefined();
    expect(screen.getByRole('status').textContent).toBe('API key cleared.');
  });

  it('says so when the browser will not keep the key, instead of failing silently', () => {
    vi.stubGlobal('sessionStorage', {
      getItem: () => null,
      setItem: () => {
        throw new DOMException('storage is disabled', 'SecurityError');
      },
      removeItem: () => undefined,
    });
    render(<SettingsView />);
    fireEvent.change(screen.getByLabelText('API key'), { target: { value: 'nck_example' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByRole('status').textContent).toContain('does not let the page keep the key');
  });
});
