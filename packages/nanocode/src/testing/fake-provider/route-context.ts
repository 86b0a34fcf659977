import type { ServerResponse } from 'node:http';
import type { FakeBehaviour, FakeRequest } from './fake-provider-types.js';
import type { ServerLifetime } from './server-lifetime.js';

/** What a route gets for one request. */
export interface RouteContext {
  res: ServerResponse;
  /** The recorded request (credentials removed); its `body` is the parsed JSON. */
  request: FakeRequest;
  /** Takes the next scripted behaviour; call it only once the request is valid, as a model would. */
  nextBehaviour(): FakeBehaviour | undefined;
  defaultReply: string;
  lifetime: ServerLifetime;
  /** A serial number unique within this server, for response ids. */
  serial: string;
  /** Unix seconds, for `created` fields. */
  now(): number;
}

/** The request body as an object, or `undefined` when it is not a JSON object. */
export function bodyObject(options: { request: FakeRequest }): Record<string, unknown> | undefined {
  const { body } = options.request;
  return typeof body === 'object' && body !== null && !Array.isArray(body)
    ? (body as Record<string, unknown>)
    : undefined;
}

/** A positive integer field of a body, or `undefined`. */
export function positiveInteger(options: { value: unknown }): number | undefined {
  const { value } = options;
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}
