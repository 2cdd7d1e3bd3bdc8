import type { TestApi } from '../../support/test-api.js';
import type { TestUser } from '../../support/factories.js';
import { callOverHttp, fetchOnWire, type WireAnswer } from './http-client.js';

/**
 * One answer of each kind the API gives, over HTTP: success, the signed-in user, a refusal, a validation
 * error, an unknown path, the API docs (HTML). A header that must be on "every response" is checked on all.
 */
export async function answerSamples(api: TestApi, user: TestUser): Promise<[string, WireAnswer][]> {
  return [
    ['login', await callOverHttp(api, 'login', { body: { email: user.email, password: user.password } })],
    ['me', await callOverHttp(api, 'me', { token: user.token })],
    ['me without token', await callOverHttp(api, 'me')],
    [
      'bad query',
      await callOverHttp(api, 'searchUsers', { token: user.token, query: { q: 'a', limit: -1 } }),
    ],
    ['unknown path', await fetchOnWire(api, '/api/no-such-route')],
    ['docs page', await fetchOnWire(api, '/api/docs')],
  ];
}
