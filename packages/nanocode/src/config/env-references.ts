import { NanocodeError } from '../spec/errors.js';
import type { ConfigPath, SourceDocument } from './source-document.js';

/** Environment variables, as `process.env` holds them. */
export type Env = Readonly<Record<string, string | undefined>>;

// `$${` is an escaped, literal `${`.
const REFERENCE = /(?<!\$)\$\{([^}]*)\}/g;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * True for the only fields that may hold `${NAME}`: a profile's `providers.<name>.base_url`,
 * `providers.<name>.api_key` and `providers.<name>.headers.<header>`.
 */
export function envAllowedAt(options: { kind: string; path: ConfigPath }): boolean {
  const { kind, path } = options;
  if (kind !== 'profile' || path[0] !== 'providers') return false;
  if (path.length === 3) return path[2] === 'base_url' || path[2] === 'api_key';
  return path.length === 4 && path[2] === 'headers';
}

/** Header names that carry credentials: their values must come from the environment. */
const CREDENTIAL_HEADERS = new Set(['authorization', 'x-api-key', 'api-key', 'proxy-authorization']);

/** True when a provider field holds a credential written literally (no `${NAME}`) in a profile file. */
function isLiteralSecret(options: { kind: string; path: ConfigPath; value: string }): boolean {
  const { kind, path, value } = options;
  if (kind !== 'profile' || path[0] !== 'providers') return false;
  const credential =
    (path.length === 3 && path[2] === 'api_key') ||
    (path.length === 4 && path[2] === 'headers' && CREDENTIAL_HEADERS.has(String(path[3]).toLowerCase()));
  if (!credential) return false;
  // An api_key is exactly one reference; a credential header must hold at least one (`Bearer ${KEY}`).
  return path.length === 3 ? !/^\$\{[^}]*\}$/.test(value.trim()) : value.search(REFERENCE) === -1;
}

/**
 * Checks every `${NAME}` of a parsed file: allowed only where {@link envAllowedAt} says, well formed,
 * and (when `env` is given) set. Returns the value with `$${` unescaped to `${` in the fields where
 * interpolation is not allowed; allowed fields keep their text for {@link resolveSecret}.
 */
export function checkEnvReferences(options: {
  document: SourceDocument;
  kind: string;
  env: Env | undefined;
}): {
  value: unknown;
  errors: NanocodeError[];
} {
  const errors: NanocodeError[] = [];
  const { document } = options;
  const visit = (value: unknown, path: (string | number)[]): unknown => {
    if (typeof value === 'string') {
      const allowed = envAllowedAt({ kind: options.kind, path });
      if (isLiteralSecret({ kind: options.kind, path, value })) {
        errors.push(
          new NanocodeError({
            code: 'NC_CFG_SECRET_LITERAL',
            message: `\`${path.join('.')}\` holds a literal secret; write an environment reference instead`,
            location: document.locate({ path, mode: 'value' }),
            hint: `for example \`api_key: \${OPENAI_API_KEY}\``,
          }),
        );
      }
      for (const match of value.matchAll(REFERENCE)) {
        const name = match[1] ?? '';
        const location = document.locate({ path, mode: 'value' });
        if (!allowed) {
          errors.push(
            new NanocodeError({
              code: 'NC_CFG_ENV_NOT_ALLOWED',
              message: `\`\${${name}}\` is not interpolated here; only \`providers.<name>.base_url\`, \`api_key\` and \`headers\` of a profile may use environment variables`,
              location,
              hint: 'write `$${` for a literal `${`',
            }),
          );
        } else if (!NAME.test(name)) {
          errors.push(
            new NanocodeError({
              code: 'NC_CFG_INVALID_VALUE',
              message: `\`\${${name}}\` is not a variable name (letters, digits and \`_\`)`,
              location,
            }),
          );
        } else if (options.env && options.env[name] === undefined) {
          errors.push(
            new NanocodeError({
              code: 'NC_CFG_ENV_MISSING',
              message: `environment variable \`${name}\` is not set`,
              location,
            }),
          );
        }
      }
      return allowed ? value : value.replaceAll('$${', '${');
    }
    if (Array.isArray(value)) return value.map((item, index) => visit(item, [...path, index]));
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value).map(([key, item]) => [key, visit(item, [...path, key])]),
      );
    }
    return value;
  };
  const value = visit(document.value, []);
  return { value, errors };
}

/**
 * Interpolates `${NAME}` in a provider `base_url` or `api_key` at call time. The resolved configuration
 * keeps the reference text, so secrets never reach its digest, the certificate or `config show`.
 */
export function resolveSecret(options: { value: string; env: Env }): string {
  // One pass, so an interpolated value is never unescaped or interpolated again.
  return options.value.replace(/\$\$\{|\$\{([^}]*)\}/g, (whole, name: string | undefined) => {
    if (whole === '$${') return '${';
    const variable = name ?? '';
    const found = NAME.test(variable) ? options.env[variable] : undefined;
    if (found === undefined) {
      throw new NanocodeError({
        code: 'NC_CFG_ENV_MISSING',
        message: NAME.test(variable)
          ? `environment variable \`${variable}\` is not set`
          : `\`\${${variable}}\` is not a variable name`,
      });
    }
    return found;
  });
}
