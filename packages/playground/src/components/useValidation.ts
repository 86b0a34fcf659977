import { useEffect, useState } from 'react';
import { describeError } from '../api/client.js';
import { validateWorkflow } from '../api/workflows.js';
import type { ValidationState } from './YamlEditor.js';

/**
 * Validates `text` through the API's validate route once it has stopped changing for `delayMs`; a newer
 * text cancels the check of an older one. Empty text is not sent.
 */
export function useValidation(options: { text: string; delayMs?: number }): ValidationState {
  const { text } = options;
  const delayMs = options.delayMs ?? 400;
  const [state, setState] = useState<ValidationState>({ state: 'idle' });
  useEffect(() => {
    if (text.trim() === '') {
      setState({ state: 'idle' });
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setState({ state: 'checking' });
      validateWorkflow({ text, signal: controller.signal }).then(
        (report) => setState({ state: 'done', ok: report.ok, issues: report.errors }),
        (error: unknown) => {
          if (controller.signal.aborted) return;
          setState({ state: 'failed', message: describeError(error) });
        },
      );
    }, delayMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [text, delayMs]);
  return state;
}
