/** How a reply ends, in the fake's own words; each wire format maps it to its own value. */
export type FakeFinish = 'stop' | 'length' | 'content_filter';

/** Answer with text. Usage is estimated as ceil(chars / 4) unless given, or left out with `'omit'`. */
export interface FakeReplyBehaviour {
  reply: string;
  finish?: FakeFinish;
  usage?: { input: number; output: number } | 'omit';
  /** Wait this long before answering (capped at {@link FAKE_MAX_DELAY_MS}). */
  delayMs?: number;
}

/** HTTP statuses the fake can answer with an error body in the route's real shape. */
export type FakeErrorStatus = 400 | 401 | 403 | 404 | 408 | 409 | 413 | 429 | 500 | 502 | 503 | 529;

/** Answer with an error status and the provider's error body. */
export interface FakeErrorBehaviour {
  status: FakeErrorStatus;
  /** Seconds; sets the `Retry-After` header (meant for 429, 503 and 529). */
  retryAfter?: number;
  message?: string;
  /**
   * The provider's error code or type, e.g. `context_length_exceeded` for a 400. OpenAI puts it in
   * `error.code`; Anthropic maps `context_length_exceeded` to its "prompt is too long" 400 and uses
   * any other value as `error.type`; the custom format puts it in `error.code`.
   */
  errorType?: string;
}

/** Accept the request and never answer (the socket is dropped on `close()` or after {@link FAKE_MAX_HANG_MS}). */
export interface FakeHangBehaviour {
  hang: true;
}

/** Answer 200 with a JSON body (or SSE event) that does not parse. */
export interface FakeMalformedJsonBehaviour {
  malformedJson: true;
}

/**
 * Start the answer, then destroy the connection after `cutStreamAfterChunks` text deltas (no final
 * chunk, no `[DONE]`). A request that does not stream gets half its JSON body under the full
 * Content-Length instead.
 */
export interface FakeCutStreamBehaviour {
  cutStreamAfterChunks: number;
}

/** Answer with no text and the provider's content-filter finish (`content_filter`, `refusal`). */
export interface FakeContentFilterBehaviour {
  contentFilter: true;
}

/** What the fake does with one model request. */
export type FakeBehaviour =
  | FakeReplyBehaviour
  | FakeErrorBehaviour
  | FakeHangBehaviour
  | FakeMalformedJsonBehaviour
  | FakeCutStreamBehaviour
  | FakeContentFilterBehaviour;

/** Which wire format a request was addressed to. */
export type FakeRoute = 'openai' | 'anthropic' | 'custom' | 'models' | 'unknown';

/**
 * One request as the fake received it. No credential is kept: `authorization`, `x-api-key` and
 * `api-key` headers are removed and only `authorized` says whether one was sent.
 */
export interface FakeRequest {
  method: string;
  path: string;
  route: FakeRoute;
  /** Lower-cased header names, credentials removed. */
  headers: Record<string, string>;
  authorized: boolean;
  /** The parsed JSON body; the raw text when it is not JSON; `undefined` when empty. */
  body: unknown;
}

/** Options of {@link startFakeProvider}. */
export interface StartFakeProviderOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Only loopback is allowed; anything else is refused. */
  host?: '127.0.0.1';
  /** Behaviours served in order, or a function deciding per request; after them, `defaultReply`. */
  script?: FakeBehaviour[] | ((request: FakeRequest) => FakeBehaviour);
  /** The text answered when nothing is scripted (default {@link FAKE_DEFAULT_REPLY}). */
  defaultReply?: string;
  /** Write one line per request (method, path, status) through `logTo` (default: stderr). */
  log?: boolean;
  logTo?: (line: string) => void;
}

/** A running fake provider. FOR TESTS AND DEMOS: it calls no model. */
export interface FakeProvider {
  /** `http://127.0.0.1:PORT`, without a trailing slash. */
  url: string;
  /** Every request received, in order (credentials removed). */
  requests: FakeRequest[];
  /** Queue behaviours for the next model requests (after those already queued). */
  enqueue(...behaviours: FakeBehaviour[]): void;
  /** Stops listening and destroys every open connection, hung ones included. */
  close(): Promise<void>;
}

/** The reply text when nothing is scripted and no `defaultReply` is given. */
export const FAKE_DEFAULT_REPLY =
  'This is a fake reply from the nanocode fake provider (no model was called).';

/** The longest `delayMs` the fake honours; longer delays are cut to this. */
export const FAKE_MAX_DELAY_MS = 30_000;

/** How long a `hang` lasts at most before the fake drops the connection, still without answering. */
export const FAKE_MAX_HANG_MS = 120_000;
