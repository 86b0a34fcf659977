/**
 * The registry of stable error codes. Each code is documented in docs/errors.md; a test keeps the two
 * in step. Codes are API: add new ones, never rename or reuse a retired one.
 */
export const ERROR_CODES = {
  // Loading and resolving configuration (NC_CFG_*).
  NC_CFG_READ: 'A configuration file could not be read.',
  NC_CFG_PARSE: 'A configuration file is not valid YAML or JSON.',
  NC_CFG_DUPLICATE_KEY: 'A mapping has the same key twice.',
  NC_CFG_UNKNOWN_KEY: 'A key is not part of the schema.',
  NC_CFG_MISSING_KEY: 'A required key is missing.',
  NC_CFG_INVALID_TYPE: 'A value has the wrong type.',
  NC_CFG_INVALID_VALUE: 'A value is outside what the schema allows.',
  NC_CFG_UNKNOWN_KIND: 'A constraint kind is not known.',
  NC_CFG_INVALID_PARAMS: 'The parameters of a constraint are invalid.',
  NC_CFG_INVALID_REGEX: 'A regular expression does not compile in the linear-time engine.',
  NC_CFG_INVALID_EXPR: 'A CEL expression does not parse or exceeds its limits.',
  NC_CFG_UNKNOWN_CUSTOM: 'A `custom` constraint names no function or schema registered in code.',
  NC_CFG_UNKNOWN_TEMPLATE: 'A `use:` names a template that does not exist.',
  NC_CFG_TEMPLATE_CYCLE: 'Templates use each other in a cycle.',
  NC_CFG_UNKNOWN_PROFILE: 'A profile (or its `extends`) does not exist.',
  NC_CFG_PROFILE_CYCLE: 'Profiles extend each other in a cycle.',
  NC_CFG_UNKNOWN_STEP: 'A reference names a step that does not exist.',
  NC_CFG_STEP_CYCLE: 'Steps reference each other in a cycle.',
  NC_CFG_DUPLICATE_ID: 'Two constraints in one scope share an id.',
  NC_CFG_ENV_NOT_ALLOWED:
    'Environment interpolation (`$` + `{NAME}`) is used in a field that does not allow it.',
  NC_CFG_ENV_MISSING: 'An interpolated environment variable is not set.',
  NC_CFG_SECRET_LITERAL:
    'A provider `api_key` (or a credential header) holds a literal secret instead of an environment reference.',
  NC_CFG_UNKNOWN_MODEL: 'A model reference is neither `provider:model` nor an alias in the profile `models`.',
  NC_CFG_ADAPTER_NOT_ALLOWED: 'A step uses an adapter that the profile does not allow.',
  NC_CFG_INVALID_TEMPLATE_REF: 'A `{{ }}` placeholder refers to something that does not exist.',
  NC_CFG_INVALID_WAIVER: 'A waiver is malformed or names no known constraint.',
  NC_CFG_INVALID_RECOVERY: 'A recovery ladder is malformed.',
  NC_CFG_DUPLICATE_NAME: 'Two profiles or templates in one directory share a name.',
  NC_CFG_UNKNOWN_FILE_KIND: 'A file has a top-level `kind` that is not workflow, profile or templates.',
  // Running (NC_RUN_*).
  NC_RUN_INPUT_INVALID: 'Run inputs do not match the declared input schema.',
  NC_RUN_UNKNOWN_FUNCTION: 'A function step names a function that was not registered.',
  NC_RUN_UNKNOWN_ADAPTER: 'No adapter is registered for a model reference.',
  NC_RUN_RENDER: 'A prompt template could not be rendered.',
  NC_RUN_ABORTED: 'The run was cancelled through its AbortSignal.',
  NC_RUN_INTERNAL: 'An internal error aborted the run.',
  NC_RUN_EFFECT_MISSING: 'A replayed run asked for an effect that was not recorded.',
  // Adapters (NC_ADAPTER_*).
  NC_ADAPTER_SCRIPT_EXHAUSTED: 'A scripted adapter has no response left for this attempt.',
  NC_ADAPTER_SCRIPT_INVALID: 'A scripted response file is malformed.',
  // Evidence (NC_EVIDENCE_*).
  NC_EVIDENCE_CHAIN_BROKEN: 'An event hash or `prev` link does not match.',
  NC_EVIDENCE_SEQ: 'Event sequence numbers are not 0, 1, 2, ...',
  NC_EVIDENCE_LOG_RANGE: 'A transparency log index or tree size is out of range.',
  NC_EVIDENCE_LOG_INPUT: 'A transparency log call got an invalid origin, tenant or certificate digest.',
  NC_EVIDENCE_NOTE_KEY: 'A signed-note key or key name is invalid (Ed25519 only; no spaces or `+`).',
  NC_EVIDENCE_NOTE_TEXT: 'A note or checkpoint to be signed is malformed.',
  NC_EVIDENCE_NOT_JSON:
    'A value to canonicalize is not plain JSON (NaN, Infinity, a lone surrogate, undefined in an array, a bigint, a function, a class instance or a cycle).',
  NC_EVIDENCE_KEY_INVALID: 'A signing or trusted key is not a usable PEM key of a supported type.',
  NC_EVIDENCE_KEY_MISSING: 'No signing key was given, or the key store has no active key for the purpose.',
  NC_EVIDENCE_KEY_EXISTS: 'The key store already has an active key for the purpose (rotate it instead).',
  NC_EVIDENCE_TRUST_FILE: 'A trust file (trust.json) cannot be read or does not match its schema.',
  NC_EVIDENCE_SUMMARY_INVALID:
    'A run certificate cannot be built: the events are malformed or `run.completed` contradicts them.',
  // Stores (NC_STORE_*).
  NC_STORE_OPEN:
    'A store could not be opened: the database file is unreadable, corrupt or from a newer version.',
  NC_STORE_UNSUPPORTED: 'A store URL names a kind of store that this build does not support.',
  NC_STORE_CONFLICT:
    'A store already holds a different value under the same key (event seq, run, salt or checkpoint).',
  NC_STORE_SEQ: "Appended events leave a gap in, or do not continue, the run's sequence numbers.",
  NC_STORE_UNKNOWN_RUN: 'A store call names a run that was never created.',
  NC_STORE_UNKNOWN_EVAL: 'A store call names an eval that was never created.',
  NC_STORE_INPUT:
    'A store call got an invalid argument, such as a listing limit that is not a positive integer.',
  NC_STORE_IO:
    'A store call failed in the database after the store was opened: connection lost, server shut down, busy, disk full or an I/O error.',
  // HTTP API (NC_API_*): the `error.code` of every error response body.
  NC_API_UNAUTHENTICATED: 'A request carries no API key, or one that is unknown or revoked.',
  NC_API_FORBIDDEN: "The API key's role does not allow this route.",
  NC_API_NOT_FOUND: 'No such route, or no such run, workflow or certificate for your tenant.',
  NC_API_BAD_REQUEST: 'A request body, path or query parameter is malformed or fails its schema.',
  NC_API_PAYLOAD_TOO_LARGE: 'A request body is larger than the configured limit.',
  NC_API_RATE_LIMITED: 'The API key sent more requests than its rate limit allows.',
  NC_API_CONFLICT:
    'A request conflicts with the current state: an Idempotency-Key reused with another body, or a policy change that lost a race.',
  NC_API_PRECONDITION_FAILED: "A policy change's If-Match names a version that is no longer the current one.",
  NC_API_INTERNAL: 'An unexpected server error; the request id in the response locates it in the logs.',
  NC_API_UNAVAILABLE: 'The server cannot reach its store right now; the request can be retried later.',
  // Evaluation over a dataset (NC_EVAL_*).
  NC_EVAL_DATASET:
    'An eval dataset cannot be read: missing file, unknown format, a YAML file over the size cap, or not a list of cases.',
  NC_EVAL_CASE:
    'A dataset row is malformed: not JSON, not an object, bad CSV quoting, a wrong field count or an unknown key.',
  // CLI usage (NC_CLI_*).
  NC_CLI_USAGE: 'The command line is invalid.',
  NC_CLI_INPUT: 'A `--input` or `--input-file` value is invalid.',
  NC_CLI_FILE_EXISTS: 'A file the command would write already exists (use `--force` to overwrite).',
  NC_CLI_NOT_FOUND: 'No stored run has that id, and no certificate bundle is at that path.',
  NC_CLI_BUNDLE: 'A certificate bundle or log proof file cannot be read or parsed.',
  NC_CLI_REPLAY: 'A run cannot be replayed: no workflow file given, or its inputs were redacted.',
  // Executors (NC_EXEC_*): the scale-out executor on DBOS.
  NC_EXEC_CONFIG:
    'Executor settings are invalid: an unknown executor, a system database URL, a rate limit or a worker option.',
  NC_EXEC_UNAVAILABLE: "The executor's PostgreSQL system database cannot be reached or prepared.",
  NC_EXEC_WORKER_ID_IN_USE: 'Another live worker holds the worker id this worker was started with.',
  NC_EXEC_EVENT_CONFLICT:
    'A resumed run re-derived an event that differs from the one already stored; the run is not certified.',
  NC_EXEC_RUN_FAILED:
    'The engine ended a run without a result (it failed, or was cancelled before it started).',
  NC_EXEC_NOT_FOUND: 'The executor has no run with that id.',
} as const;

/** A stable error code. */
export type ErrorCode = keyof typeof ERROR_CODES;
