import { commitValue } from '../evidence/redaction.js';
import type { Effects } from '../spec/effects.js';
import type { Profile } from '../spec/workflow.js';

/** What an event holds in place of a redacted value. */
export interface Commitment {
  $commitment: string;
}

/**
 * Applies the profile's redaction policy to what goes into events. A redacted value is replaced by a
 * salted SHA-256 commitment; the salts are returned apart from the events (`RunResult.salts`), so
 * erasing one leaves the chain verifiable while the value can no longer be confirmed.
 * - Inputs: the listed paths. A redacted input also redacts prompts, which are rendered from inputs.
 * - Outputs: all of each released output (`true`), or the listed paths within JSON outputs. Either way
 *   the raw model text and evidence values, which quote the output, are committed whole.
 */
export interface Redactor {
  inputs(inputs: Record<string, unknown>): Record<string, unknown>;
  /** `{ messages }` as recorded, or `{ messages_commitment }` when prompts are redacted. */
  prompt(options: {
    name: string;
    messages: unknown;
  }): { messages: unknown } | { messages_commitment: string };
  /** `{ text }` or `{ text_commitment }` for a model's raw text. */
  text(options: { name: string; text: string }): { text: string } | { text_commitment: string };
  /** `{ output }` (whole, or with redacted paths committed) or `{ output_commitment }`. */
  released(options: { name: string; value: unknown }): { output: unknown } | { output_commitment: string };
  /** An evidence value as recorded: itself, or a commitment when outputs are redacted. */
  evidence(options: { name: string; value: unknown }): unknown;
  /** Whether any output redaction applies (evidence values are then committed). */
  readonly outputsRedacted: boolean;
  salts(): Record<string, string>;
}

/** Creates the run's redactor. Salts come from the effects, so a replay re-derives the same commitments. */
export function createRedactor(options: { policy: Profile['redaction']; effects: Effects }): Redactor {
  const { policy, effects } = options;
  const salts: Record<string, string> = {};
  const commit = (name: string, value: unknown): Commitment => {
    const salt = effects.randomId(`salt/${name}`);
    salts[name] = salt;
    return { $commitment: commitValue({ salt, value: value ?? null }) };
  };
  const redactPrompts = policy.prompts || policy.inputs.length > 0;
  const outputPaths = Array.isArray(policy.outputs) ? policy.outputs : [];
  const outputsRedacted = policy.outputs === true || outputPaths.length > 0;
  return {
    inputs: (inputs) =>
      commitPaths({ value: inputs, paths: policy.inputs, commit: (path, v) => commit(`input/${path}`, v) }),
    prompt({ name, messages }) {
      return redactPrompts
        ? { messages_commitment: commit(`prompt/${name}`, messages).$commitment }
        : { messages };
    },
    text({ name, text }) {
      return outputsRedacted ? { text_commitment: commit(`output/${name}`, text).$commitment } : { text };
    },
    released({ name, value }) {
      if (policy.outputs === true) return { output_commitment: commit(`output/${name}`, value).$commitment };
      return {
        output: commitPaths({
          value,
          paths: outputPaths,
          commit: (path, v) => commit(`output/${name}/${path}`, v),
        }),
      };
    },
    evidence({ name, value }) {
      return outputsRedacted ? commit(`output/${name}`, value) : value;
    },
    outputsRedacted,
    salts: () => ({ ...salts }),
  };
}

/** A copy of `value` with each dot path that exists replaced by its commitment. */
function commitPaths<T>(options: {
  value: T;
  paths: readonly string[];
  commit: (path: string, value: unknown) => Commitment;
}): T {
  if (options.paths.length === 0 || options.value === null || typeof options.value !== 'object')
    return options.value;
  const copy = structuredClone(options.value);
  for (const path of options.paths) {
    const segments = path.split('.');
    const last = segments.pop() as string;
    let parent: unknown = copy;
    for (const segment of segments) {
      parent =
        parent !== null && typeof parent === 'object'
          ? (parent as Record<string, unknown>)[segment]
          : undefined;
    }
    if (parent !== null && typeof parent === 'object' && Object.hasOwn(parent, last)) {
      const record = parent as Record<string, unknown>;
      record[last] = options.commit(path, record[last]);
    }
  }
  return copy;
}
