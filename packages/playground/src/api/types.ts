/**
 * The shapes of the API replies the playground reads, as the server's routes define them
 * (`packages/nanocode/src/server/routes/*.ts`, also in `/openapi.json`).
 */
import type { RunEvent, RunOutcome } from '../model/events.js';

/** One row of `GET /api/workflows`. */
export interface WorkflowInfo {
  name: string;
  /** Relative to the server's project folder. */
  file: string;
  version?: string;
  description?: string;
  valid: boolean;
}

/** One row of `GET /api/profiles`. */
export interface ProfileInfo {
  name: string;
  /** Where it comes from: the tenant's API-managed policy, a project file, or built in. */
  source?: 'api' | 'file' | 'builtin';
  file: string | null;
  description?: string;
  extends?: string;
  tenant?: string;
  adapters_allowed?: string[];
  /** How many waivers it grants. */
  waivers?: number;
  valid: boolean;
}

/** A declared run input: a small JSON Schema. */
export interface InputSchema {
  type?: string | string[];
  enum?: unknown[];
  default?: unknown;
  description?: string;
  title?: string;
  items?: InputSchema;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  [keyword: string]: unknown;
}

/** `GET /api/workflows/{name}`: the workflow resolved under a profile (only the fields the playground reads). */
export interface ResolvedWorkflow {
  workflow: {
    name: string;
    version: string;
    description?: string;
    inputs: Record<string, InputSchema>;
    steps: Record<string, unknown>;
  };
  profile: { name: string };
  digest: string;
}

/** `GET /api/workflows/{name}/source`: the workflow file's text. */
export interface WorkflowSource {
  name: string;
  file: string;
  text: string;
}

/** Where a validation problem is in the text. */
export interface SourceLocation {
  file?: string;
  line?: number;
  column?: number;
  /** JSON pointer to the value at fault. */
  path?: string;
}

/** One problem `POST /api/workflows/validate` found. */
export interface ValidationIssue {
  code: string;
  message: string;
  location?: SourceLocation;
  hint?: string;
}

/** `POST /api/workflows/validate`. */
export interface ValidationReport {
  ok: boolean;
  errors: ValidationIssue[];
}

/** A run listing row (`GET /api/runs`, and `summary` of `GET /api/runs/{id}`). */
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

/** The run header the first event chains to. */
export interface RunHeader {
  spec: string;
  run_id: string;
  tenant: string;
  workflow: { name: string; version: string; digest: string };
  profile: { name: string; digest: string };
  config_digest: string;
  framework: { name: string; version: string };
}

/** `GET /api/runs/{id}`. */
export interface RunDocument {
  summary: RunSummary;
  header?: RunHeader;
  events: RunEvent[];
  /** Null while running, or when the run was not certified. */
  certificate: { log_index: number | null } | null;
}

/** `POST /api/runs` with `mode: "async"` (202). */
export interface RunAccepted {
  run_id: string;
  status: 'running';
  location: string;
  events: string;
}

/** A DSSE envelope. */
export interface DsseEnvelope {
  payload: string;
  payloadType: string;
  signatures: Array<{ keyid?: string; sig: string }>;
}

/** `GET /api/runs/{id}/certificate` (format `bundle`). */
export interface CertificateBundle {
  envelope: DsseEnvelope;
  header: RunHeader;
  events: RunEvent[];
  log_proof?: string;
}

/** One check of a certificate verification. */
export interface CertificateCheck {
  name: string;
  ok: boolean;
  skipped?: true;
  reason?: string;
  seq?: number;
  path?: string;
  message: string;
}

/** `POST /api/certificates/verify`. */
export interface VerifyReport {
  ok: boolean;
  checks: CertificateCheck[];
  reason?: string;
  seq?: number;
  path?: string;
  message: string;
  keyids: string[];
}

/** The export formats of `GET /api/runs/{id}/certificate?format=` (`EXPORT_FORMATS` on the server). */
export const EXPORT_FORMATS = ['bundle', 'otlp', 'junit', 'sarif', 'html'] as const;
/** One export format. */
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
