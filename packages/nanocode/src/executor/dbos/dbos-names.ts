import { FRAMEWORK_VERSION } from '../../runner/version.js';

/** The DBOS application every nanocode worker and client shares; it scopes workflows and queues. */
export const DBOS_APP_NAME = 'nanocode';

/** The workflow a run is: its DBOS workflow id is the run id. */
export const RUN_WORKFLOW = 'nanocode.run';

/** The queue runs enter. */
export const RUN_QUEUE = 'nanocode-runs';

/** The DBOS schema of the system database when the URL names none. */
export const DEFAULT_SYSTEM_SCHEMA = 'dbos';

/**
 * The application version workers run and clients enqueue for, pinned per release: DBOS dequeues and
 * recovers a run only on workers of the version it was enqueued for.
 */
export const DEFAULT_APP_VERSION = `nanocode@${FRAMEWORK_VERSION}`;
