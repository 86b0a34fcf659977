import { apiError } from '../api-error.js';

/** The longest cursor accepted: a start time and an id of at most 200 characters, as JSON in base64url. */
const MAX_CURSOR_LENGTH = 1024;

/**
 * The opaque `cursor` of a listing page: base64url of the JSON `{ started_at, <idName> }` of the page's
 * last row. Clients pass `next_cursor` back as is; its content is not API.
 */
export function encodeListCursor(options: { started_at: string; idName: string; id: string }): string {
  const { started_at, idName, id } = options;
  return Buffer.from(JSON.stringify({ started_at, [idName]: id }), 'utf8').toString('base64url');
}

/**
 * Reads a `cursor` query parameter back into the listing key it was made from. Anything else (not
 * base64url, not JSON, other fields, not strings) is `NC_API_BAD_REQUEST` naming the parameter.
 */
export function decodeListCursor(options: { cursor: string; idName: string }): {
  started_at: string;
  id: string;
} {
  const { cursor, idName } = options;
  const key = parse(cursor, idName);
  if (key === undefined) {
    throw apiError({
      code: 'NC_API_BAD_REQUEST',
      message: 'the query parameter cursor is not a cursor this listing returned',
      details: {
        issues: [
          {
            in: 'query',
            path: 'cursor',
            code: 'invalid_cursor',
            message: 'pass next_cursor from the previous page unchanged',
          },
        ],
      },
    });
  }
  return key;
}

function parse(cursor: string, idName: string): { started_at: string; id: string } | undefined {
  if (cursor.length === 0 || cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) {
    return undefined;
  }
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  const { started_at } = record;
  const id = record[idName];
  const fields = Object.keys(record);
  if (fields.length !== 2 || typeof started_at !== 'string' || typeof id !== 'string') return undefined;
  if (Number.isNaN(Date.parse(started_at)) || id.length === 0 || id.length > 200) return undefined;
  return { started_at, id };
}
