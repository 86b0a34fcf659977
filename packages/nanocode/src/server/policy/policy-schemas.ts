import { z } from '@hono/zod-openapi';

/** A profile name in a path: what a profile file's `name` may be. */
export const ProfileNameParam = z.object({
  name: z
    .string()
    .max(128)
    .regex(/^[a-z0-9][a-z0-9_.-]*$/i, 'profile names are letters, digits, `_`, `-` and `.`')
    .openapi({ param: { name: 'name', in: 'path' }, example: 'prod' }),
});

/** The version and digest of the policy in force. */
export const PolicyVersionSchema = z
  .object({
    version: z.number().int().openapi({ description: '0 until the first API change' }),
    digest: z.string().openapi({ description: 'sha256 of JCS of the document set' }),
    source: z.enum(['files', 'api']).openapi({ description: '`files` while the version is 0' }),
  })
  .openapi('PolicyVersion');

/** A profile document as written (the fields of a profile file). */
export const ProfileDocumentSchema = z.record(z.string(), z.unknown()).openapi('ProfileDocument', {
  description:
    'A profile document with the fields of a profile file (`extends`, `budget`, `adapters`, `waivers`, `redaction`, `providers`, `models`, `tenant`); `kind` and `name` default to `profile` and the path name.',
});

/** A waiver as an API request body. */
export const WaiverBodySchema = z
  .object({
    reason: z.string().min(1).max(2000),
    granted_by: z.string().min(1).max(200),
    expires: z.string().min(1).max(64).openapi({ example: '2027-06-30' }),
    workflow: z.string().min(1).max(128).optional(),
  })
  .strict()
  .openapi('WaiverBody');

/** One problem of a policy document set. */
export const PolicyIssueSchema = z
  .object({
    profile: z.string(),
    code: z.string(),
    message: z.string(),
    file: z.string(),
    pointer: z.string().openapi({ description: 'JSON pointer into the document, e.g. /waivers/0/expires' }),
    hint: z.string().optional(),
  })
  .openapi('PolicyIssue');

/** One audit entry. */
export const PolicyChangeSchema = z
  .object({
    tenant: z.string(),
    version: z.number().int(),
    actor: z.object({ key_id: z.string(), key_prefix: z.string() }),
    at: z.string(),
    action: z.enum(['profile.put', 'profile.delete', 'waiver.put', 'waiver.delete']),
    target: z.string(),
    previous_digest: z.string(),
    new_digest: z.string(),
  })
  .openapi('PolicyChange');

/** What a policy change answers. */
export const PolicyChangeResultSchema = z
  .object({
    target: z.string(),
    changed: z
      .boolean()
      .openapi({ description: 'false when the documents were already so (nothing stored)' }),
    policy: PolicyVersionSchema,
    change: PolicyChangeSchema.nullable(),
  })
  .openapi('PolicyChangeResult');

/** A whole policy version: its document set. */
export const TenantPolicySchema = z
  .object({
    tenant: z.string(),
    version: z.number().int(),
    digest: z.string(),
    source: z.enum(['files', 'api']),
    updated_at: z.string().optional(),
    documents: z.record(z.string(), ProfileDocumentSchema),
  })
  .openapi('TenantPolicy');

/** The `If-Match` request header of policy changes. */
export const IfMatchHeader = z.object({
  'if-match': z
    .string()
    .max(40)
    .optional()
    .openapi({ description: 'The policy version the change is made against (the ETag of GET /api/policy)' }),
});
