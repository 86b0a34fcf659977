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
 * A redacted input also redacts prompts, since prompts are rendered from inputs.
 */
export interface Redactor {
  inputs(inputs: Record<string, unknown>): Record<string, unknown>;
  /** `{ messages }` as recorded, or `{ messages_commitment }` when prompts are redacted. */
  prompt(options: {
    name: string;
    messages: unknown;
  }): { messages: unknown } | { messages_commitment: string };
  /** The commitment to an output when outputs are redacted, else undefined (record it as is). */
  output(options: { name: string; value: unknown }): string | undefined;
  /** Whether outputs are redacted (evidence values in verdicts are then committed too). */
  readonly outputs: boolean;
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
  return {
    inputs(inputs) {
      const copy = structuredClone(inputs);
      for (const path of policy.inputs) {
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
          record[last] = commit(`input/${path}`, record[last]);
        }
      }
      return copy;
    },
    prompt({ name, messages }) {
      return redactPrompts
        ? { messages_commitment: commit(`prompt/${name}`, messages).$commitment }
        : { messages };
    },
    output({ name, value }) {
      return policy.outputs ? commit(`output/${name}`, value).$commitment : undefined;
    },
    outputs: policy.outputs,
    salts: () => ({ ...salts }),
  };
}
