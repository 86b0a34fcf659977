import { randomUUID } from 'node:crypto';
import type { ServerMetrics } from './metrics.js';
import type { RunRegistry } from './run-registry.js';
import type { ServerContext } from './server-context.js';

/**
 * Wraps a context so that every run it executes, from any route, is in the registry while it runs
 * (cancel, live events, shutdown) and counted in the metrics when it ends. A run id is drawn up front
 * when the caller gave none, so the run is addressable before its first event.
 */
export function trackRuns(options: {
  context: ServerContext;
  runs: RunRegistry;
  metrics: ServerMetrics;
  now: () => Date;
}): ServerContext {
  const { context, runs, metrics } = options;
  return {
    ...context,
    async executeRun(run) {
      const run_id = run.run_id ?? randomUUID();
      const controller = new AbortController();
      const onCallerAbort = () => controller.abort(run.signal?.reason);
      if (run.signal?.aborted) controller.abort(run.signal.reason);
      run.signal?.addEventListener('abort', onCallerAbort, { once: true });
      const live = runs.start({
        run_id,
        tenant: run.tenant,
        workflow: { name: run.config.workflow.name, version: run.config.workflow.version },
        profile: run.config.profile.name,
        started_at: options.now().toISOString(),
        controller,
      });
      try {
        const executed = await context.executeRun({
          ...run,
          run_id,
          signal: controller.signal,
          onEvent: (event) => {
            live.push(event);
            run.onEvent?.(event);
          },
        });
        metrics.countRun({ outcome: executed.result.outcome });
        context.logger.info(
          {
            run_id,
            tenant: run.tenant,
            workflow: run.config.workflow.name,
            outcome: executed.result.outcome,
            ...(executed.result.error ? { error_code: executed.result.error.code } : {}),
            log_index: executed.certificate?.log_index ?? null,
          },
          'run finished',
        );
        return executed;
      } finally {
        run.signal?.removeEventListener('abort', onCallerAbort);
        live.finish();
      }
    },
  };
}
