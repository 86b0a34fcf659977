import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createMutedOutput, createReadlinePrompt } from './configure-prompt.js';

function sink(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: string[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  return { stream, text: () => chunks.join('') };
}

describe('createMutedOutput', () => {
  it('forwards writes until muted, then drops them', () => {
    const out = sink();
    const muted = createMutedOutput({ output: out.stream });
    muted.write('shown ');
    muted.muted = true;
    muted.write('hidden');
    muted.muted = false;
    muted.write('again');
    expect(out.text()).toBe('shown again');
  });
});

describe('createReadlinePrompt', () => {
  it('echoes a plain answer but never the typed characters of a secret', async () => {
    const input = new PassThrough();
    const out = sink();
    const prompt = createReadlinePrompt({ input, output: out.stream });
    const plain = prompt.ask({ question: 'Base URL: ', secret: false });
    input.write('http://local\n');
    expect(await plain).toBe('http://local');
    const secret = prompt.ask({ question: 'API key: ', secret: true });
    input.write('sk-hidden-value\n');
    expect(await secret).toBe('sk-hidden-value');
    prompt.close();
    expect(out.text()).toContain('Base URL: ');
    expect(out.text()).toContain('http://local');
    expect(out.text()).toContain('API key: ');
    expect(out.text()).not.toContain('sk-hidden');
  });
});
