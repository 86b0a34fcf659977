import type { Adapter } from '../src/spec/adapter.js';

/** A constant in-process model: the same reply on every call, so only framework cost is measured. */
export function constantAdapter(options: { text: string }): Adapter {
  return {
    spec: 'nanocode.adapter/v1',
    provider: 'bench',
    model: 'constant',
    simulated: true,
    generate: async () => ({
      text: options.text,
      finish_reason: 'stop',
      usage: { input_tokens: 20, output_tokens: 20 },
      model: 'constant',
      latency_ms: 0,
    }),
  };
}
