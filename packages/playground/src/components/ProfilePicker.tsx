import { type ReactNode, useId } from 'react';
import type { ProfileInfo } from '../api/types.js';

/** Props of {@link ProfilePicker}. */
export interface ProfilePickerProps {
  profiles: readonly ProfileInfo[];
  /** The chosen profile's name; '' for the server's default. */
  value: string;
  onChange: (name: string) => void;
}

/** A labelled choice of the profiles the server knows (`GET /api/profiles`); invalid ones cannot be chosen. */
export function ProfilePicker(props: ProfilePickerProps): ReactNode {
  const id = useId();
  const helpId = useId();
  const chosen = props.profiles.find((profile) => profile.name === props.value);
  return (
    <div className="stack">
      <label htmlFor={id}>Profile</label>
      <select
        id={id}
        data-testid="profile-picker"
        value={props.value}
        aria-describedby={helpId}
        onChange={(event) => props.onChange(event.target.value)}
      >
        <option value="">Server default</option>
        {props.profiles.map((profile) => (
          <option key={profile.name} value={profile.name} disabled={!profile.valid}>
            {profile.name}
            {profile.valid ? '' : ' (invalid)'}
          </option>
        ))}
      </select>
      <span id={helpId} className="field-help">
        {chosen === undefined
          ? 'The profile the server uses when none is named.'
          : [
              chosen.description,
              chosen.extends === undefined ? undefined : `extends ${chosen.extends}`,
              chosen.adapters_allowed === undefined
                ? undefined
                : `adapters: ${chosen.adapters_allowed.join(', ')}`,
            ]
              .filter((part) => part !== undefined)
              .join(' · ')}
      </span>
    </div>
  );
}
