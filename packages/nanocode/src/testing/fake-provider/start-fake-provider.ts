import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NanocodeError } from '../../spec/errors.js';
import { anthropicMessagesRoute } from './anthropic-messages-route.js';
import { createBehaviourQueue } from './behaviour-queue.js';
import { customGenerateRoute } from './custom-generate-route.js';
import {
  FAKE_DEFAULT_REPLY,
  type FakeProvider,
  type FakeRoute,
  type StartFakeProviderOptions,
} from './fake-provider-types.js';
import { sendJson } from './http-replies.js';
import { modelsRoute } from './models-route.js';
import { openAiChatRoute } from './openai-chat-route.js';
import { recordRequest, routeOf } from './record-request.js';
import type { RouteContext } from './route-context.js';
import { createServerLifetime } from './server-lifetime.js';

const LOOPBACK = '127.0.0.1';
/** Bodies above this are refused with 413, so a runaway test cannot fill memory. */
const MAX_BODY_BYTES = 8 * 1024 * 1024;

const ROUTES: Record<Exclude<FakeRoute, 'unknown'>, (context: RouteContext) => void | Promise<void>> = {
  openai: openAiChatRoute,
  anthropic: anthropicMessagesRoute,
  custom: customGenerateRoute,
  models: modelsRoute,
};

/**
 * FOR TESTS AND DEMOS ONLY: starts a loopback HTTP server that speaks OpenAI Chat Completions
 * (`POST /v1/chat/completions`, `GET /v1/models`), Anthropic Messages (`POST /v1/messages`) and a
 * generic custom format (`POST /custom/generate`), answering from a script of behaviours (replies,
 * error statuses, hangs, malformed JSON, cut streams, content filters). It calls no model. It binds
 * 127.0.0.1 only and refuses any other host.
 */
export async function startFakeProvider(options: StartFakeProviderOptions = {}): Promise<FakeProvider> {
  const host = options.host ?? LOOPBACK;
  const port = options.port ?? 0;
  if (host !== LOOPBACK) {
    throw new NanocodeError({
      code: 'NC_CFG_INVALID_VALUE',
      message: `the fake provider binds only to ${LOOPBACK}, not ${String(host)}`,
      hint: 'it is for tests and demos on this machine',
    });
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new NanocodeError({ code: 'NC_CFG_INVALID_VALUE', message: `invalid fake provider port ${port}` });
  }
  const queue = createBehaviourQueue(options.script === undefined ? {} : { script: options.script });
  const lifetime = createServerLifetime();
  const requests: FakeProvider['requests'] = [];
  const log =
    options.log === true
      ? (options.logTo ?? ((line: string) => process.stderr.write(`${line}\n`)))
      : undefined;
  let serial = 0;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    const route = routeOf({ method: req.method ?? 'GET', path });
    const rawBody = await readBody({ req });
    if (log !== undefined) {
      // 'close' also fires for cut streams and dropped hangs, which never 'finish'.
      res.on('close', () =>
        log(`${req.method} ${path} ${res.statusCode}${res.writableFinished ? '' : ' (cut)'}`),
      );
    }
    if (rawBody === undefined) {
      sendJson({
        res,
        status: 413,
        body: {
          error: { message: 'Request too large.', type: 'invalid_request_error', param: null, code: null },
        },
      });
      return;
    }
    const request = recordRequest({ req, route, rawBody });
    requests.push(request);
    serial += 1;
    if (route === 'unknown') {
      const message = `Invalid URL (${request.method} ${request.path})`;
      sendJson({
        res,
        status: 404,
        body: { error: { message, type: 'invalid_request_error', param: null, code: null } },
      });
      return;
    }
    await ROUTES[route]({
      res,
      request,
      nextBehaviour: () => queue.next(request),
      defaultReply: options.defaultReply ?? FAKE_DEFAULT_REPLY,
      lifetime,
      serial: String(serial).padStart(6, '0'),
      now: () => Math.floor(Date.now() / 1000),
    });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      // A broken script function or a bug in the fake: answer 500 instead of leaving the client hanging.
      sendJson({
        res,
        status: 500,
        body: {
          error: {
            message: `fake provider failure: ${String(error)}`,
            type: 'server_error',
            param: null,
            code: null,
          },
        },
      });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  let closed: Promise<void> | undefined;
  return {
    url: `http://${LOOPBACK}:${address.port}`,
    requests,
    enqueue: (...behaviours) => queue.enqueue(behaviours),
    close() {
      closed ??= new Promise<void>((resolve) => {
        lifetime.shutdown();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}

/** The body as text, or `undefined` when it exceeds MAX_BODY_BYTES. */
async function readBody(options: { req: IncomingMessage }): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of options.req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
