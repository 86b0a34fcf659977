import type { DsseEnvelope } from '../api/types.js';
import type {
  BudgetFigures,
  ConstraintStatus,
  RecoveryStrategy,
  RunOutcome,
  VerdictStatus,
} from './events.js';

/** One constraint of a certificate's predicate (`PredicateConstraint` in the server's `spec/certificate.ts`). */
export interface PredicateConstraint {
  step: string;
  id: string;
  kind?: string;
  severity?: 'hard' | 'soft';
  status: ConstraintStatus;
  verdict?: VerdictStatus;
  waiver?: { reason: string; granted_by: string; expires: string };
  evidence: number[];
}

/** The signed run predicate, as far as the playground shows it. */
export interface RunPredicate {
  run_id: string;
  tenant: string;
  workflow: { name: string; version: string; digest: string };
  profile: { name: string; digest: string };
  started_at: string;
  finished_at: string;
  outcome: RunOutcome;
  error?: { code: string; message: string };
  constraints: PredicateConstraint[];
  recovery: Array<{ step: string; strategy: RecoveryStrategy; from: string; to: string; seq: number }>;
  budget: { limits: BudgetFigures; consumed: BudgetFigures };
  events: { count: number; head: string; sha256: string };
}

/**
 * Reads the run predicate out of a certificate's DSSE envelope (base64 of an in-toto Statement). This is
 * what the certificate claims; whether the claim holds is for the server's verification to say. Returns
 * undefined for anything that is not such a statement.
 */
export function readPredicate(envelope: DsseEnvelope | undefined): RunPredicate | undefined {
  if (envelope === undefined || typeof envelope.payload !== 'string') return undefined;
  try {
    const binary = atob(envelope.payload);
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    const statement = JSON.parse(new TextDecoder().decode(bytes)) as { predicate?: unknown };
    const predicate = statement.predicate as Partial<RunPredicate> | undefined;
    if (
      predicate === undefined ||
      !Array.isArray(predicate.constraints) ||
      typeof predicate.outcome !== 'string'
    ) {
      return undefined;
    }
    return predicate as RunPredicate;
  } catch {
    return undefined;
  }
}
