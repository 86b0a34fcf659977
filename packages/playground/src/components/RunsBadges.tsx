import type { ReactNode } from 'react';

/** Badge colour and a text symbol per value, so the colour is never the only signal. */
const OUTCOME_LOOK: Record<string, { tone: string; symbol: string; label: string }> = {
  certified: { tone: 'pass', symbol: '✓', label: 'certified' },
  certified_with_exceptions: { tone: 'warn', symbol: '✓!', label: 'certified with exceptions' },
  degraded: { tone: 'warn', symbol: '↓', label: 'degraded' },
  stopped: { tone: 'fail', symbol: '■', label: 'stopped' },
  error: { tone: 'fail', symbol: '✗', label: 'error' },
  running: { tone: 'info', symbol: '…', label: 'running' },
};

const STATUS_LOOK: Record<string, { tone: string; symbol: string; label: string }> = {
  enforced: { tone: 'pass', symbol: '✓', label: 'enforced' },
  waived: { tone: 'warn', symbol: '~', label: 'waived' },
  violated: { tone: 'fail', symbol: '✗', label: 'violated' },
  unchecked: { tone: 'warn', symbol: '?', label: 'unchecked' },
  not_applicable: { tone: 'info', symbol: '–', label: 'not applicable' },
  pass: { tone: 'pass', symbol: '✓', label: 'pass' },
  fail: { tone: 'fail', symbol: '✗', label: 'fail' },
  error: { tone: 'fail', symbol: '!', label: 'error' },
};

function Badge(props: { look: { tone: string; symbol: string; label: string } }): ReactNode {
  const { tone, symbol, label } = props.look;
  return (
    <span className={`badge ${tone}`}>
      <span aria-hidden="true">{symbol} </span>
      {label}
    </span>
  );
}

/** A run outcome as a badge with its name in words (`certified with exceptions`). */
export function OutcomeBadge(props: { outcome: string | undefined }): ReactNode {
  const outcome = props.outcome ?? 'running';
  return <Badge look={OUTCOME_LOOK[outcome] ?? { tone: 'info', symbol: '•', label: outcome }} />;
}

/** A constraint's final status (enforced, waived, ...) or a verdict (pass, fail, error) as a badge. */
export function StatusBadge(props: { status: string | undefined }): ReactNode {
  const status = props.status ?? 'none';
  return (
    <Badge look={STATUS_LOOK[status] ?? { tone: 'info', symbol: '•', label: status.replaceAll('_', ' ') }} />
  );
}
