import { describe, expect, it } from 'vitest';
import { isLoopbackHost } from './is-loopback-host.js';

describe('isLoopbackHost', () => {
  it('accepts only loopback addresses', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]']) {
      expect(isLoopbackHost({ host }), host).toBe(true);
    }
    for (const host of ['0.0.0.0', '::', '192.168.1.2', '10.0.0.1', 'example.org', '128.0.0.1']) {
      expect(isLoopbackHost({ host }), host).toBe(false);
    }
  });
});
