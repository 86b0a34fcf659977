/** How progress is shown: a redrawn bar (TTY), a line every 10% (logs), or not at all. */
export type ProgressMode = 'bar' | 'lines' | 'none';

/** Progress of an eval on stderr. */
export interface EvalProgress {
  /** One more case finished. */
  tick(): void;
  /** Draws the final state (and ends the bar's line). */
  done(): void;
}

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  return s >= 3600
    ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`
    : s >= 60
      ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`
      : `${s}s`;
}

/** The progress text: `done/total (pct) · rate cases/s · ETA`, without the bar. */
export function progressText(options: {
  done: number;
  total: number | undefined;
  elapsedMs: number;
}): string {
  const { done, total } = options;
  const rate = options.elapsedMs > 0 ? (done * 1000) / options.elapsedMs : 0;
  const rateText = `${rate >= 100 ? rate.toFixed(0) : rate.toFixed(1)} cases/s`;
  if (total === undefined || total === 0) return `${done} cases · ${rateText}`;
  const pct = Math.min(100, Math.floor((done * 100) / total));
  const eta = rate > 0 ? (total - done) / rate : Number.POSITIVE_INFINITY;
  return `${done}/${total} (${pct}%) · ${rateText} · ETA ${done >= total ? '0s' : duration(eta)}`;
}

/**
 * Creates the progress display. `bar` redraws one line in place (`\r`, at most every 100 ms); `lines`
 * prints a plain line at each 10% step, for CI logs; `none` prints nothing. `now` is the clock (ms).
 */
export function createEvalProgress(options: {
  mode: ProgressMode;
  total: number | undefined;
  write: (text: string) => void;
  now: () => number;
}): EvalProgress {
  const { mode, total, write, now } = options;
  const started = now();
  let done = 0;
  let lastDraw = Number.NEGATIVE_INFINITY;
  let lastDecile = 0;
  const bar = (): string => {
    const width = 24;
    const filled = total ? Math.min(width, Math.floor((done * width) / total)) : 0;
    return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
  };
  const draw = (): void => {
    const text = progressText({ done, total, elapsedMs: now() - started });
    write(`\r${total ? `${bar()} ` : ''}${text}\u001b[K`);
  };
  return {
    tick() {
      done += 1;
      if (mode === 'bar') {
        const t = now();
        if (t - lastDraw >= 100) {
          lastDraw = t;
          draw();
        }
      } else if (mode === 'lines' && total) {
        const decile = Math.floor((done * 10) / total);
        if (decile > lastDecile) {
          lastDecile = decile;
          write(`eval: ${progressText({ done, total, elapsedMs: now() - started })}\n`);
        }
      }
    },
    done() {
      if (mode === 'bar') {
        draw();
        write('\n');
      } else if (mode === 'lines' && !total) {
        write(`eval: ${progressText({ done, total, elapsedMs: now() - started })}\n`);
      }
    },
  };
}
