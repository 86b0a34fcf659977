import { describe, expect, it } from 'vitest';
import { createFrameStream } from './frame-stream.js';

describe('createFrameStream', () => {
  it('streams what is written until closed, and drops writes after', async () => {
    const frames = createFrameStream({ onCancel: () => {} });
    frames.write('data: a\n\n');
    frames.write('data: b\n\n');
    frames.close();
    frames.write('data: late\n\n');
    frames.close();
    expect(await new Response(frames.body).text()).toBe('data: a\n\ndata: b\n\n');
  });

  it('tells the route when the client cancels, and ignores writes after', async () => {
    let cancelled = 0;
    const frames = createFrameStream({ onCancel: () => cancelled++ });
    await frames.body.cancel();
    expect(cancelled).toBe(1);
    expect(() => frames.write('data: x\n\n')).not.toThrow();
    expect(() => frames.close()).not.toThrow();
  });
});
