import { z } from '@hono/zod-openapi';
import { API_ERROR_STATUS } from './api-error.js';

/** The one error body of every failed request. */
export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.enum(Object.keys(API_ERROR_STATUS) as [string, ...string[]]),
      message: z.string(),
      details: z.record(z.string(), z.unknown()).optional(),
    }),
  })
  .openapi('Error');

/** The outcomes a listing can filter on. */
export const OutcomeSchema = z.enum([
  'certified',
  'certified_with_exceptions',
  'degraded',
  'stopped',
  'error',
]);

/** One row of a run listing. */
export const RunSummarySchema = z
  .object({
    run_id: z.string(),
    tenant: z.string(),
    workflow: z.string(),
    workflow_version: z.string(),
    profile: z.string(),
    outcome: z.union([OutcomeSchema, z.literal('running')]),
    started_at: z.string(),
    finished_at: z.string().optional(),
    event_count: z.number().int(),
  })
  .openapi('RunSummary');

/** Where a run's certificate is: its signing key and its index in the tenant's log. */
export const CertificateRefSchema = z
  .object({ keyid: z.string(), log_index: z.number().int() })
  .openapi('CertificateRef');

/** A JSON value whose shape another document specifies (events, envelopes, reports). */
export const AnyJson = z.unknown().openapi({ type: 'object' });

/** The error responses a route can give, for its OpenAPI entry. */
export function errorResponses(...statuses: Array<400 | 401 | 403 | 404 | 409 | 412 | 413 | 429 | 503>) {
  const described = {
    400: 'Malformed request (NC_API_BAD_REQUEST)',
    401: 'No valid API key (NC_API_UNAUTHENTICATED)',
    403: 'Role not allowed (NC_API_FORBIDDEN)',
    404: 'Not found for this tenant (NC_API_NOT_FOUND)',
    409: 'Conflict with the current state (NC_API_CONFLICT)',
    412: 'If-Match names a policy version that is no longer current (NC_API_PRECONDITION_FAILED)',
    413: 'Body too large (NC_API_PAYLOAD_TOO_LARGE)',
    429: 'Rate limited (NC_API_RATE_LIMITED), see Retry-After',
    503: 'The store cannot be reached (NC_API_UNAVAILABLE); retry later',
  } as const;
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      { description: described[status], content: { 'application/json': { schema: ErrorSchema } } },
    ]),
  );
}

/** The responses every authenticated route can give (checking a key reads the store, hence 503). */
export const AUTH_ERRORS = [401, 403, 429, 503] as const;
