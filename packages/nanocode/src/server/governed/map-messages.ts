/** One chat message as a client sends it; only `role` and `content` matter here. */
export interface ChatMessage {
  role: string;
  content?: unknown;
}

/** Inputs for the workflow, or why the messages cannot give them (with the offending message as `param`). */
export type MapMessagesResult =
  | { ok: true; inputs: Record<string, unknown> }
  | { ok: false; message: string; param: string };

/** Input names the last user message's text goes to, in order of preference. */
export const USER_INPUT_NAMES = ['question', 'message', 'prompt', 'input'] as const;
/** Input names system (and developer) messages go to, in order of preference. */
export const SYSTEM_INPUT_NAMES = ['context', 'system'] as const;

type Declared = Record<string, Record<string, unknown>>;

/**
 * Maps chat messages to workflow inputs, by fixed rules (docs/api.md, governed endpoint):
 * - the last user message is a JSON object whose keys are all declared inputs: key by key;
 * - otherwise its text goes to the first declared input of {@link USER_INPUT_NAMES}, else to the one
 *   required string input (not counting `context`/`system`);
 * - system and developer messages, joined by a blank line, go to `context`, else `system`;
 * - any other message (earlier turns, assistant, tool) has no input to go to and is refused.
 * Refusals are data: the message says what to change, `param` points at the message.
 */
export function mapMessages(options: {
  messages: readonly ChatMessage[];
  declared: Declared;
}): MapMessagesResult {
  const { messages, declared } = options;
  const lastUser = messages.findLastIndex((m) => m.role === 'user');
  if (lastUser < 0) return refuse({ param: 'messages', message: 'the messages hold no user message' });
  const system: Array<{ index: number; text: string }> = [];
  for (const [index, message] of messages.entries()) {
    if (index === lastUser) continue;
    if (message.role !== 'system' && message.role !== 'developer') {
      return refuse({
        param: `messages[${index}]`,
        message: `messages[${index}] (role ${message.role}) cannot be mapped to a workflow input: send system messages and one user message`,
      });
    }
    const text = textOf({ message, index });
    if (typeof text !== 'string') return text;
    system.push({ index, text });
  }
  const userText = textOf({ message: messages[lastUser] as ChatMessage, index: lastUser });
  if (typeof userText !== 'string') return userText;
  const user = userInputs({ text: userText, declared, index: lastUser });
  if (!user.ok) return user;
  const inputs = user.inputs;
  const first = system[0];
  if (first !== undefined) {
    const target = SYSTEM_INPUT_NAMES.find((name) => Object.hasOwn(declared, name));
    if (target === undefined || Object.hasOwn(inputs, target)) {
      return refuse({
        param: `messages[${first.index}]`,
        message:
          target === undefined
            ? `messages[${first.index}] (role system) cannot be mapped: the workflow declares no \`context\` or \`system\` input`
            : `messages[${first.index}] (role system) cannot be mapped: input \`${target}\` is already given by the user message`,
      });
    }
    inputs[target] = system.map((s) => s.text).join('\n\n');
  }
  const missing = requiredInputs({ declared }).filter((name) => !Object.hasOwn(inputs, name));
  if (missing.length > 0) {
    return refuse({
      param: 'messages',
      message: `the messages do not give the required input(s) ${missing.map((n) => `\`${n}\``).join(', ')}`,
    });
  }
  return { ok: true, inputs };
}

function userInputs(options: { text: string; declared: Declared; index: number }): MapMessagesResult {
  const { text, declared, index } = options;
  const object = jsonObject({ text });
  if (object !== undefined && Object.keys(object).every((key) => Object.hasOwn(declared, key))) {
    return { ok: true, inputs: { ...object } };
  }
  const named = USER_INPUT_NAMES.find((name) => Object.hasOwn(declared, name));
  if (named !== undefined) return { ok: true, inputs: { [named]: text } };
  const strings = requiredInputs({ declared }).filter(
    (name) => declared[name]?.type === 'string' && !(SYSTEM_INPUT_NAMES as readonly string[]).includes(name),
  );
  const only = strings.length === 1 ? strings[0] : undefined;
  if (only !== undefined) return { ok: true, inputs: { [only]: text } };
  const names = Object.keys(declared);
  return refuse({
    param: `messages[${index}]`,
    message: `messages[${index}] (role user) cannot be mapped: the workflow declares ${names.length === 0 ? 'no inputs' : `inputs ${names.map((n) => `\`${n}\``).join(', ')}`}, none named ${USER_INPUT_NAMES.map((n) => `\`${n}\``).join('/')} and not one required string input; send a JSON object whose keys are declared inputs`,
  });
}

/** Declared inputs without a default: the runner requires them. */
function requiredInputs(options: { declared: Declared }): string[] {
  return Object.entries(options.declared)
    .filter(([, schema]) => !Object.hasOwn(schema, 'default'))
    .map(([name]) => name);
}

/** The text of a message: a string, or text parts joined by newlines; anything else is refused. */
function textOf(options: { message: ChatMessage; index: number }): string | MapMessagesResult {
  const { content } = options.message;
  if (typeof content === 'string') return content;
  if (Array.isArray(content) && content.every(isTextPart)) return content.map((p) => p.text).join('\n');
  return refuse({
    param: `messages[${options.index}].content`,
    message: `messages[${options.index}] has content other than text, which no workflow input can take`,
  });
}

function isTextPart(part: unknown): part is { type: 'text'; text: string } {
  const p = part as { type?: unknown; text?: unknown } | null;
  return typeof p === 'object' && p !== null && p.type === 'text' && typeof p.text === 'string';
}

function jsonObject(options: { text: string }): Record<string, unknown> | undefined {
  if (!options.text.trimStart().startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(options.text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    return Object.keys(value).length > 0 ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function refuse(options: { message: string; param: string }): MapMessagesResult {
  return { ok: false, message: options.message, param: options.param };
}
