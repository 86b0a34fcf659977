/** What a secret is replaced with. */
export const REDACTED = '[redacted]';

/**
 * Replaces every occurrence of each secret in `text`. Used on every message built from provider
 * output (error bodies may echo a key). Empty secrets are ignored.
 */
export function redactSecrets(options: { text: string; secrets: readonly string[] }): string {
  let text = options.text;
  for (const secret of options.secrets) {
    if (secret.length > 0) text = text.replaceAll(secret, REDACTED);
  }
  return text;
}
