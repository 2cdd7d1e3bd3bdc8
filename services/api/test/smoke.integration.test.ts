import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser } from './support/factories.js';
import { startTestApi, type TestApi } from './support/test-api.js';

describe('api server', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  it('answers health and readiness', async () => {
    expect((await api.app.inject('/healthz')).json()).toEqual({ status: 'ok', checks: {} });
    expect((await api.app.inject('/readyz')).json()).toEqual({ status: 'ok', checks: { database: true } });
  });

  it('answers unknown routes with problem details', async () => {
    const response = await api.app.inject('/api/nope');
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.json()).toMatchObject({ code: 'not_found', status: 404 });
  });

  it('signs tokens the factories can use', async () => {
    const user = await buildUser(api.app);
    expect((await api.app.tokens.verify(user.token)).userId).toBe(user.id);
  });

  it('serves the OpenAPI document', async () => {
    const response = await api.app.inject('/api/docs/json');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toHaveProperty('openapi');
  });
});
