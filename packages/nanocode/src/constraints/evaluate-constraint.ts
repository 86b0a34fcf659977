import type { CompiledConstraint, ConstraintContext } from '../spec/constraint.js';
import type { Verdict } from '../spec/verdict.js';

/**
 * Evaluates a compiled constraint once and returns its verdict, applying `negate`: pass and fail swap,
 * error stays error, and the message reads `not(...)`. It never rejects: a throw or rejection inside the
 * check becomes an `error` verdict, and an aborted `ctx.signal` (before or during) yields an `error`
 * verdict saying so, without waiting for a slow check to finish.
 */
export async function evaluateConstraint(options: {
  compiled: CompiledConstraint;
  ctx: ConstraintContext;
}): Promise<Verdict> {
  const raw = await rawVerdict(options);
  if (!options.compiled.negate || raw.status === 'error') return raw;
  return {
    status: raw.status === 'pass' ? 'fail' : 'pass',
    message: `not(${raw.message})`,
    evidence: raw.evidence,
  };
}

function abortedVerdict(signal: AbortSignal): Verdict {
  const reason = signal.reason instanceof Error ? `: ${signal.reason.message}` : '';
  return { status: 'error', message: `evaluation aborted${reason}`, evidence: [] };
}

async function rawVerdict(options: {
  compiled: CompiledConstraint;
  ctx: ConstraintContext;
}): Promise<Verdict> {
  const { signal } = options.ctx;
  if (signal.aborted) return abortedVerdict(signal);
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<Verdict>((resolve) => {
    onAbort = () => resolve(abortedVerdict(signal));
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    const running = Promise.resolve().then(() => options.compiled.evaluate(options.ctx));
    return await Promise.race([running.then(checkShape, errorVerdict), aborted]);
  } finally {
    if (onAbort) signal.removeEventListener('abort', onAbort);
  }
}

function errorVerdict(cause: unknown): Verdict {
  const message = cause instanceof Error ? cause.message : String(cause);
  return { status: 'error', message: `evaluation threw: ${message}`, evidence: [] };
}

// Custom functions are user code: a malformed verdict is an error, not a pass.
function checkShape(verdict: unknown): Verdict {
  const v = verdict as Partial<Verdict> | null | undefined;
  if (
    v &&
    (v.status === 'pass' || v.status === 'fail' || v.status === 'error') &&
    typeof v.message === 'string'
  ) {
    return { status: v.status, message: v.message, evidence: Array.isArray(v.evidence) ? v.evidence : [] };
  }
  return { status: 'error', message: 'the check returned something that is not a verdict', evidence: [] };
}
