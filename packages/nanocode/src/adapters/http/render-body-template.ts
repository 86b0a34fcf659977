import type { ModelRequest } from '../../spec/adapter.js';

const WHOLE = /^\s*\{\{\s*([^}]*?)\s*\}\}\s*$/;
const INLINE = /\{\{\s*([^}]*?)\s*\}\}/g;

/** Values of the placeholders for one request; `undefined` ones are left out of the body. */
export function placeholderValues(options: {
  request: ModelRequest;
  model: string;
}): Record<string, unknown> {
  const { request } = options;
  const join = (roles: string[]) =>
    request.messages
      .filter((m) => roles.includes(m.role))
      .map((m) => m.content)
      .join('\n\n');
  const format = request.response_format;
  return {
    prompt: join(['user', 'assistant']),
    system: request.messages.some((m) => m.role === 'system') ? join(['system']) : undefined,
    messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
    model: options.model,
    max_tokens: request.max_tokens,
    temperature: request.temperature,
    seed: request.seed,
    stop: request.stop,
    response_format: format.type,
    json_schema: format.type === 'json_schema' ? format.schema : undefined,
  };
}

/**
 * Fills a JSON body template. A string that is exactly one `{{ name }}` becomes the value itself
 * (a number stays a number, `messages` an array) and is left out when the value is undefined; other
 * strings get each placeholder's text. Values are placed into the structure, never spliced into JSON
 * text, and nothing is evaluated, so a prompt cannot change the body's shape. Unknown names throw a
 * TypeError (the config check rejects them first).
 */
export function renderBodyTemplate(options: { template: unknown; values: Record<string, unknown> }): unknown {
  const { values } = options;
  const lookup = (name: string): unknown => {
    if (!Object.hasOwn(values, name)) throw new TypeError(`unknown body placeholder \`{{ ${name} }}\``);
    return values[name];
  };
  const visit = (node: unknown): unknown => {
    if (typeof node === 'string') {
      const whole = WHOLE.exec(node);
      if (whole) return lookup(whole[1] ?? '');
      return node.replace(INLINE, (_, name: string) => {
        const value = lookup(name);
        if (value === undefined) return '';
        return typeof value === 'string' ? value : JSON.stringify(value);
      });
    }
    if (Array.isArray(node)) return node.map(visit).filter((item) => item !== undefined);
    if (node !== null && typeof node === 'object') {
      const entries = Object.entries(node).map(([key, value]) => [key, visit(value)] as const);
      return Object.fromEntries(entries.filter(([, value]) => value !== undefined));
    }
    return node;
  };
  return visit(options.template);
}
