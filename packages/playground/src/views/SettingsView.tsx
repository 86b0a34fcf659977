import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { readApiKey, writeApiKey } from '../api/client.js';

/** Where the user enters the API key the playground sends; it stays in this browser session only. */
export function SettingsView(): ReactNode {
  const [key, setKey] = useState(() => readApiKey() ?? '');
  const [saved, setSaved] = useState<string | undefined>();
  const inputId = useId();
  const helpId = useId();
  const onSubmit = (event: FormEvent): void => {
    event.preventDefault();
    if (!writeApiKey(key.trim())) {
      setSaved('This browser does not let the page keep the key (session storage is turned off).');
    } else setSaved(key.trim() === '' ? 'API key cleared.' : 'API key saved for this browser session.');
  };
  return (
    <section aria-labelledby="settings-title">
      <h1 id="settings-title">Settings</h1>
      <form onSubmit={onSubmit} className="stack">
        <label htmlFor={inputId}>API key</label>
        <input
          id={inputId}
          type="password"
          autoComplete="off"
          value={key}
          aria-describedby={helpId}
          onChange={(event) => setKey(event.target.value)}
        />
        <p id={helpId} className="muted">
          Needed only when the server has API keys (<code>nanocode keys api create</code>). It is sent as a
          bearer token and kept in this tab's session storage, never in the page address.
        </p>
        <div>
          <button type="submit">Save</button>
        </div>
        <p role="status">{saved}</p>
      </form>
    </section>
  );
}
