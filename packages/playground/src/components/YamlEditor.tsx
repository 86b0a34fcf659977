import { type ReactNode, useId, useRef } from 'react';
import type { ValidationIssue } from '../api/types.js';

/** Where validation stands. */
export type ValidationState =
  | { state: 'idle' }
  | { state: 'checking' }
  | { state: 'done'; ok: boolean; issues: ValidationIssue[] }
  | { state: 'failed'; message: string };

/** Props of {@link YamlEditor}. */
export interface YamlEditorProps {
  value: string;
  onChange: (value: string) => void;
  validation: ValidationState;
  label?: string | undefined;
}

const LINE_HEIGHT_PX = 20;

/**
 * A YAML text editor with line numbers. Each problem the server's validation reported is marked in the
 * gutter at its line and listed under the editor with its line and column (announced politely); a
 * problem's button moves the cursor to its line.
 */
export function YamlEditor(props: YamlEditorProps): ReactNode {
  const { value, validation } = props;
  const editorId = useId();
  const listId = useId();
  const area = useRef<HTMLTextAreaElement>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const lines = value.split('\n');
  // The text area is as tall and wide as its text; the frame around it scrolls, gutter included.
  const issues = validation.state === 'done' ? validation.issues : [];
  const byLine = new Map<number, ValidationIssue[]>();
  for (const issue of issues) {
    const line = issue.location?.line;
    if (line !== undefined) byLine.set(line, [...(byLine.get(line) ?? []), issue]);
  }

  const goToLine = (line: number) => {
    const textarea = area.current;
    if (textarea === null) return;
    const start = lines.slice(0, line - 1).reduce((sum, text) => sum + text.length + 1, 0);
    const end = start + (lines[line - 1]?.length ?? 0);
    textarea.focus();
    textarea.setSelectionRange(start, end);
    if (scroller.current !== null) scroller.current.scrollTop = Math.max(0, (line - 3) * LINE_HEIGHT_PX);
  };

  return (
    <div className="yaml-editor">
      <label htmlFor={editorId}>{props.label ?? 'Workflow YAML'}</label>
      <div className="editor" ref={scroller}>
        <ol className="editor-gutter" aria-hidden="true">
          {lines.map((_, index) => {
            const line = index + 1;
            const marked = byLine.get(line);
            return (
              <li
                key={line}
                className={marked ? 'has-error' : undefined}
                title={marked?.map((i) => i.message).join('\n')}
              >
                {marked ? '● ' : ''}
                {line}
              </li>
            );
          })}
        </ol>
        <textarea
          id={editorId}
          ref={area}
          className="code"
          data-testid="yaml-editor"
          value={value}
          rows={Math.max(lines.length, 10)}
          cols={Math.max(60, ...lines.map((line) => line.length + 2))}
          wrap="off"
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          aria-invalid={issues.length > 0}
          aria-describedby={listId}
          onChange={(event) => props.onChange(event.target.value)}
        />
      </div>
      <div id={listId} className="validation" aria-live="polite" data-testid="validation-status">
        {validation.state === 'checking' ? <p>Checking…</p> : null}
        {validation.state === 'failed' ? (
          <p className="error-box">Could not validate: {validation.message}</p>
        ) : null}
        {validation.state === 'done' && validation.ok ? <p>The server found no problems.</p> : null}
        {validation.state === 'done' && !validation.ok ? (
          <>
            <p>
              The server found {issues.length} problem{issues.length === 1 ? '' : 's'}:
            </p>
            <ul className="validation-list">
              {issues.map((issue, index) => {
                const line = issue.location?.line;
                const column = issue.location?.column;
                const where =
                  line === undefined ? 'No line' : `Line ${line}${column === undefined ? '' : `:${column}`}`;
                return (
                  <li
                    // biome-ignore lint/suspicious/noArrayIndexKey: the server's order is the only identity
                    key={index}
                    data-testid="validation-error"
                    data-line={line}
                  >
                    <strong>{where}</strong> <code>{issue.code}</code> {issue.message}
                    {issue.hint === undefined ? null : <span className="muted"> ({issue.hint})</span>}{' '}
                    {line === undefined ? null : (
                      <button type="button" className="secondary" onClick={() => goToLine(line)}>
                        Go to line {line}
                      </button>
                    )}
                  </li>
                );
              })}
            </ul>
          </>
        ) : null}
      </div>
    </div>
  );
}
