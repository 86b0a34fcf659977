import type { RunEvent, RunHeader } from './events.js';
import type { ConstraintStatus, RecoveryStrategy, RunOutcome } from './outcome.js';

/**
 * Where a transparency log keeps its leaf hashes, one append-only list per tenant. The log computes
 * every tree hash from these leaves, so a store only needs ordered append and range reads.
 */
export interface LogLeafStore {
  readonly specificationVersion: 'v1';
  /** Appends a leaf hash to the tenant's list and returns its 0-based index. */
  append(options: { tenant: string; leafHash: Uint8Array }): Promise<number>;
  /** The leaf hashes at indices `[start, end)` of the tenant's list, in order. */
  get(options: { tenant: string; start: number; end: number }): Promise<Uint8Array[]>;
  /** How many leaves the tenant's list holds (0 for a tenant never seen). */
  size(options: { tenant: string }): Promise<number>;
}

/** One row of a run listing. */
export interface RunSummary {
  run_id: string;
  tenant: string;
  workflow: string;
  workflow_version: string;
  profile: string;
  outcome: RunOutcome | 'running';
  started_at: string;
  finished_at?: string;
  event_count: number;
}

/** Everything stored about one run. Salts are not here: they are kept apart (see `getSalts`). */
export interface StoredRun {
  summary: RunSummary;
  header: RunHeader;
  events: RunEvent[];
  /** The DSSE envelope of the run certificate, once issued. */
  certificate?: unknown;
  /** Where the certificate sits in the tenant's transparency log, once appended. */
  log_index?: number;
}

/** A role an API key grants (DESIGN.md §6). */
export type ApiRole = 'admin' | 'runner' | 'auditor';

/** A stored API key: never the key itself, only its SHA-256 and a short prefix for display. */
export interface ApiKeyRecord {
  id: string;
  tenant: string;
  role: ApiRole;
  /** `sha256:<hex>` of the whole key. */
  hash: string;
  /** The key's first characters, e.g. `nck_3f9a`, to tell keys apart in listings. */
  prefix: string;
  label?: string;
  created_at: string;
  revoked_at?: string;
}

/** A profile document as written (the fields of a profile file, `extends` and waivers included). */
export type PolicyDocument = Record<string, unknown>;

/** What changed in a policy update. */
export type PolicyAction = 'profile.put' | 'profile.delete' | 'waiver.put' | 'waiver.delete';

/** Who made a policy change: the API key's id and display prefix, never the key. */
export interface PolicyActor {
  key_id: string;
  key_prefix: string;
}

/**
 * A tenant's API-managed policy at one version: the profile documents it overlays on the project's files.
 * Version 0 is the empty policy every tenant starts with; each change adds one version.
 */
export interface TenantPolicy {
  tenant: string;
  version: number;
  /** `sha256:<hex>` of JCS(`documents`). */
  digest: string;
  /** Profile documents by profile name. */
  documents: Record<string, PolicyDocument>;
  /** When this version was made; absent for version 0. */
  updated_at?: string;
}

/** One entry of a tenant's append-only policy audit trail: the change that made `version`. */
export interface PolicyChange {
  tenant: string;
  version: number;
  actor: PolicyActor;
  at: string;
  action: PolicyAction;
  /** What was changed: a profile name, or `<profile>/waivers/<constraint>`. */
  target: string;
  /** The digest of version `version - 1`, so consecutive entries chain. */
  previous_digest: string;
  new_digest: string;
}

/** Options of {@link RunStore.updatePolicy}. */
export interface UpdatePolicyOptions {
  tenant: string;
  /** The version the change was made against; another version current → `NC_STORE_CONFLICT`. */
  expected_version: number;
  /** The whole new document set. */
  documents: Record<string, PolicyDocument>;
  change: { actor: PolicyActor; at: string; action: PolicyAction; target: string };
}

/** Where an eval stands: still running, or how it ended. */
export type EvalStatus = 'running' | 'finished' | 'cancelled' | 'failed';

/** What starts an eval record (`nanocode eval` over one dataset). */
export interface EvalStart {
  eval_id: string;
  tenant: string;
  workflow: string;
  profile: string;
  /** The dataset as the user named it. */
  dataset: string;
  started_at: string;
  /** Runs of each case. */
  repeat: number;
  concurrency: number;
}

/** A stored eval: how it started, how far it got, and (once finished) its aggregate report. */
export interface EvalRecord extends EvalStart {
  status: EvalStatus;
  finished_at?: string;
  /** Case rows appended so far. */
  case_count: number;
  /** The aggregate report (`EvalSummary` of `nanocode eval --json`), set when the eval finishes. */
  summary?: Record<string, unknown>;
}

/** One case run of an eval: a row of the eval matrix. */
export interface EvalCaseRow {
  /** The row's place in the eval, in dataset then repetition order: 0, 1, 2, … */
  seq: number;
  case_id: string;
  /** 1-based repetition of the case. */
  repeat: number;
  /** The stored run ('' when the run could not be made at all). */
  run_id: string;
  outcome: RunOutcome;
  passed: boolean;
  /** Whether the output met the case's expectation; absent when the case had none. */
  expected_ok?: boolean;
  /** Final status of each constraint, keyed `<step>/<constraint id>`. */
  statuses: Record<string, ConstraintStatus>;
  /** Ladder moves the run needed, counted by strategy (only strategies used). */
  ladder: Partial<Record<RecoveryStrategy, number>>;
  tokens: number;
  /** USD; null when some attempt's price was unknown. */
  cost_usd: number | null;
}

/** Filters and paging of {@link RunStore.listEvalCases}: rows in `seq` order. */
export interface ListEvalCasesOptions {
  eval_id: string;
  /** At most this many rows: 50 when absent, capped at 1000. */
  limit?: number;
  /** Rows to skip (0 when absent). */
  offset?: number;
  outcome?: RunOutcome;
  /** Only rows where this constraint (`<step>/<id>`) ended with this status. */
  constraint?: { key: string; status: ConstraintStatus };
}

/** Filters for {@link RunStore.listRuns}. Newest first (by `started_at`, then `run_id`). */
export interface ListRunsOptions {
  tenant?: string;
  workflow?: string;
  outcome?: RunOutcome;
  /** At most this many runs: 50 when absent, capped at 1000; not a positive integer → `NC_STORE_INPUT`. */
  limit?: number;
  /** Only runs that started before this ISO time. Kept for compatibility: prefer `after` for paging. */
  before?: string;
  /**
   * Keyset paging: only runs strictly after this key in listing order (older `started_at`, or the same
   * `started_at` and a smaller `run_id`). Pass the last row of a page to get the next one; runs sharing a
   * start time are never skipped or repeated.
   */
  after?: RunListKey;
  /** Only runs that started at or after this ISO time. */
  since?: string;
  /** `running`: no `run.completed` yet (in flight, or cut short by a crash); `finished`: the others. */
  status?: RunStatus;
  /** Only runs whose `run.completed` lists this constraint (at `step`, when given) with this status. */
  constraint?: ConstraintFilter;
}

/** Where a run sits in listing order: the keyset that {@link ListRunsOptions.after} pages from. */
export interface RunListKey {
  started_at: string;
  run_id: string;
}

/** Where an eval sits in listing order: the keyset that `listEvals`' `after` pages from. */
export interface EvalListKey {
  started_at: string;
  eval_id: string;
}

/** Whether a run has recorded its `run.completed` event. */
export type RunStatus = 'running' | 'finished';

/** A run-listing filter on one constraint's final status (from the run's `run.completed`). */
export interface ConstraintFilter {
  id: string;
  status: ConstraintStatus;
  step?: string;
}

/**
 * The one store interface (DESIGN.md §6): runs, events, certificates, salts, log leaves and
 * checkpoints. Every implementation passes the same contract test suite. Appending an event is
 * idempotent on `(run_id, seq)`: the same event again is a no-op, a different one is an error.
 */
export interface RunStore {
  readonly spec: 'nanocode.store/v1';
  /**
   * Records a run's header; idempotent. The same header again is a no-op (the first `started_at` stays);
   * a different header under the same `run_id` throws `NC_STORE_CONFLICT`.
   */
  createRun(options: { header: RunHeader; started_at: string }): Promise<void>;
  /**
   * Appends sealed events, stored exactly as given, in one transaction. An event identical to the one
   * stored at its seq is skipped; a different one throws `NC_STORE_CONFLICT`; a seq that does not continue
   * the log throws `NC_STORE_SEQ`; an unknown run throws `NC_STORE_UNKNOWN_RUN`. A failing batch writes
   * nothing. A `run.completed` event sets the run's outcome and `finished_at` (its `ts`).
   */
  appendEvents(options: { run_id: string; events: readonly RunEvent[] }): Promise<void>;
  /** Everything stored about a run (copies), or undefined when it was never created. */
  getRun(options: { run_id: string }): Promise<StoredRun | undefined>;
  listRuns(options: ListRunsOptions): Promise<RunSummary[]>;
  /**
   * Stores the run's certificate once: the same envelope again is a no-op (and may add a `log_index` not
   * yet set); a different envelope or log index throws `NC_STORE_CONFLICT`.
   */
  putCertificate(options: { run_id: string; envelope: unknown; log_index?: number }): Promise<void>;
  /**
   * Salts of redacted values, kept apart from events so one can be erased without touching the chain.
   * A name already stored with a different salt throws `NC_STORE_CONFLICT`.
   */
  putSalts(options: { run_id: string; salts: Record<string, string> }): Promise<void>;
  /** The run's remaining salts by name (`{}` for an unknown run). */
  getSalts(options: { run_id: string }): Promise<Record<string, string>>;
  /** Forgets one salt, so its committed value can no longer be proven; true when a salt was removed. */
  eraseSalt(options: { run_id: string; name: string }): Promise<boolean>;
  /** The transparency log's leaves. */
  readonly leaves: LogLeafStore;
  /** Stores a signed checkpoint note of the tenant's tree; a different note at the same size is a conflict. */
  putCheckpoint(options: { tenant: string; size: number; note: string }): Promise<void>;
  /** API keys (hashed at rest). `findApiKey` returns revoked keys too; callers check `revoked_at`. */
  putApiKey(options: { key: ApiKeyRecord }): Promise<void>;
  findApiKey(options: { hash: string }): Promise<ApiKeyRecord | undefined>;
  listApiKeys(options: { tenant?: string }): Promise<ApiKeyRecord[]>;
  revokeApiKey(options: { id: string; at: string }): Promise<boolean>;
  /** The checkpoint of tree size `size`, or the largest one stored when `size` is absent. */
  getCheckpoint(options: {
    tenant: string;
    size?: number;
  }): Promise<{ size: number; note: string } | undefined>;
  /** The tenant's current API-managed policy (version 0, no documents, when it was never changed). */
  getPolicy(options: { tenant: string }): Promise<TenantPolicy>;
  /** The tenant's policy as it was at `version` (0 included), or undefined for a version never made. */
  getPolicyVersion(options: { tenant: string; version: number }): Promise<TenantPolicy | undefined>;
  /**
   * Stores the next version of the tenant's policy and its audit entry in one transaction. The store
   * computes both digests. Versions are gap-free: when `expected_version` is not the current version (a
   * concurrent change won), nothing is written and it throws `NC_STORE_CONFLICT`. There is no way to
   * change or remove a stored version or audit entry.
   */
  updatePolicy(options: UpdatePolicyOptions): Promise<{ policy: TenantPolicy; change: PolicyChange }>;
  /**
   * The tenant's audit trail, newest first: at most `limit` entries (50 when absent, capped at 1000;
   * not a positive integer → `NC_STORE_INPUT`), only versions below `before_version` when given.
   */
  listPolicyChanges(options: {
    tenant: string;
    limit?: number;
    before_version?: number;
  }): Promise<PolicyChange[]>;
  /**
   * Records the start of an eval; the same start again is a no-op, a different one under the same id is
   * `NC_STORE_CONFLICT`.
   */
  createEval(options: { eval: EvalStart }): Promise<void>;
  /**
   * Appends case rows as they finish, in `seq` order, in one transaction: a row identical to the one at its
   * seq is skipped, a different one is `NC_STORE_CONFLICT`, a gap is `NC_STORE_SEQ`, an unknown eval is
   * `NC_STORE_UNKNOWN_EVAL` and a finished one `NC_STORE_CONFLICT`.
   */
  appendEvalCases(options: { eval_id: string; cases: readonly EvalCaseRow[] }): Promise<void>;
  /** Ends an eval with its status and aggregate report; once only (again with the same values is a no-op). */
  finishEval(options: {
    eval_id: string;
    status: Exclude<EvalStatus, 'running'>;
    finished_at: string;
    summary?: Record<string, unknown>;
  }): Promise<void>;
  /** The eval (without its rows), or undefined. */
  getEval(options: { eval_id: string }): Promise<EvalRecord | undefined>;
  /**
   * Evals newest first (by `started_at`, then id): 50 when no limit, capped at 1000. `after` pages (only
   * evals strictly after that key in this order); `before` (only evals started before that ISO time) is
   * kept for compatibility.
   */
  listEvals(options: {
    tenant?: string;
    workflow?: string;
    limit?: number;
    before?: string;
    after?: EvalListKey;
  }): Promise<EvalRecord[]>;
  /** A page of an eval's rows in `seq` order, and how many rows match the filters in all. */
  listEvalCases(options: ListEvalCasesOptions): Promise<{ cases: EvalCaseRow[]; total: number }>;
  /** Releases the store's resources (the database connection); closing twice is harmless. */
  close(): Promise<void>;
}
