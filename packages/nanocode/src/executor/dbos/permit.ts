import type { DBOSClient } from '@dbos-inc/dbos-sdk';
import { AdapterError } from '../../spec/adapter.js';
import { PERMIT_WORKFLOW, permitQueueName } from './dbos-names.js';

/** Polling for a granted permit starts at this interval and backs off to the cap. */
const FIRST_POLL_MS = 20;
const MAX_POLL_MS = 200;

/**
 * Waits until the provider's rate-limited queue grants this model call a permit. A permit is an empty
 * workflow on `nanocode-rate-<provider>`: DBOS starts at most the queue's `limitPerPeriod` of them per
 * period across every worker, so calls that each wait for one fit the provider's quota. Its id derives
 * from the run and the effect key, so a call made again after a crash waits for the permit it already
 * had instead of taking a second one. Rejects with an `aborted` AdapterError when the signal aborts.
 */
export async function waitForPermit(options: {
  client: DBOSClient;
  provider: string;
  run_id: string;
  key: string;
  appVersion: string;
  signal: AbortSignal;
}): Promise<void> {
  const workflowID = `${options.run_id}::${options.key}::permit`;
  await options.client.enqueue({
    workflowName: PERMIT_WORKFLOW,
    queueName: permitQueueName({ provider: options.provider }),
    workflowID,
    appVersion: options.appVersion,
  });
  for (let pause = FIRST_POLL_MS; ; pause = Math.min(MAX_POLL_MS, pause * 2)) {
    if (options.signal.aborted) throw aborted();
    const status = await options.client.getWorkflow(workflowID);
    if (status?.status === 'SUCCESS') return;
    if (status !== undefined && status.status !== 'ENQUEUED' && status.status !== 'PENDING') {
      throw new Error(`the rate-limit permit ${workflowID} ended ${status.status}`);
    }
    await sleep({ ms: pause, signal: options.signal });
  }
}

function sleep(options: { ms: number; signal: AbortSignal }): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, options.ms);
    function done() {
      clearTimeout(timer);
      options.signal.removeEventListener('abort', done);
      resolve();
    }
    options.signal.addEventListener('abort', done, { once: true });
  });
}

function aborted(): AdapterError {
  return new AdapterError({
    code: 'aborted',
    message: 'aborted while waiting for a rate-limit permit',
    retryable: false,
  });
}
