import { isIP } from 'node:net';

/**
 * True when `host` only accepts connections from this machine: `localhost`, `127.0.0.0/8` or `::1`.
 * `0.0.0.0`, `::` and every other address are reachable from elsewhere.
 */
export function isLoopbackHost(options: { host: string }): boolean {
  const host = options.host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) return host === '::1' || host === '0:0:0:0:0:0:0:1';
  return false;
}
