import type { ReactNode } from 'react';

/** A time from the server in the reader's locale, machine-readable too; a dash when there is none. */
export function When(props: { iso: string | undefined }): ReactNode {
  if (props.iso === undefined) return <span className="none">—</span>;
  return <time dateTime={props.iso}>{new Date(props.iso).toLocaleString()}</time>;
}
