import { sendJson } from './http-replies.js';
import type { RouteContext } from './route-context.js';

/** The one model the fake lists. Any model name is accepted by the completion routes. */
export const FAKE_MODEL_ID = 'fake-model';

/**
 * `GET /v1/models`: OpenAI's list (`{ object: 'list', data: [...] }`), or Anthropic's
 * (`{ data, has_more, first_id, last_id }`) when the request carries `anthropic-version`.
 */
export function modelsRoute(context: RouteContext): void {
  const { res, request } = context;
  if (request.headers['anthropic-version'] !== undefined) {
    const model = {
      type: 'model',
      id: FAKE_MODEL_ID,
      display_name: 'Fake model (nanocode fake provider)',
      created_at: '2025-01-01T00:00:00Z',
    };
    sendJson({
      res,
      status: 200,
      body: { data: [model], has_more: false, first_id: model.id, last_id: model.id },
    });
    return;
  }
  const model = {
    id: FAKE_MODEL_ID,
    object: 'model',
    created: 1735689600,
    owned_by: 'nanocode-fake-provider',
  };
  sendJson({ res, status: 200, body: { object: 'list', data: [model] } });
}
