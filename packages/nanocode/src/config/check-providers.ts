import { NanocodeError } from '../spec/errors.js';
import { HTTP_BODY_PLACEHOLDERS, type Profile } from '../spec/workflow.js';

const PLACEHOLDER = /\{\{\s*([^}]*?)\s*\}\}/g;

/**
 * Checks a resolved profile's providers: each has a type (given, or its name is a type), an `http`
 * provider has a `base_url` and an `http` declaration whose body uses only known placeholders, and
 * only `http` providers carry an `http` declaration.
 */
export function checkProviders(options: { profile: Profile }): NanocodeError[] {
  const { profile } = options;
  const errors: NanocodeError[] = [];
  const invalid = (message: string, hint?: string) =>
    errors.push(
      new NanocodeError({
        code: 'NC_CFG_INVALID_VALUE',
        message: `profile \`${profile.name}\`: ${message}`,
        ...(hint ? { hint } : {}),
      }),
    );
  for (const [name, provider] of Object.entries(profile.providers)) {
    if (provider.type === undefined) {
      invalid(
        `provider \`${name}\` needs a \`type\``,
        'write `type: openai`, `type: anthropic` or `type: http`',
      );
      continue;
    }
    if (provider.type !== 'http') {
      if (provider.http !== undefined)
        invalid(`provider \`${name}\` is not \`type: http\` but declares \`http\``);
      continue;
    }
    if (provider.base_url === undefined)
      invalid(`http provider \`${name}\` needs \`base_url\` (the endpoint URL)`);
    if (provider.http === undefined) {
      invalid(`http provider \`${name}\` needs an \`http\` declaration (method, body, response paths)`);
      continue;
    }
    for (const match of JSON.stringify(provider.http.body).matchAll(PLACEHOLDER)) {
      const placeholder = match[1] ?? '';
      if (!(HTTP_BODY_PLACEHOLDERS as readonly string[]).includes(placeholder)) {
        invalid(
          `http provider \`${name}\` body uses an unknown placeholder \`{{ ${placeholder} }}\``,
          `placeholders: ${HTTP_BODY_PLACEHOLDERS.join(', ')}`,
        );
      }
    }
  }
  return errors;
}
