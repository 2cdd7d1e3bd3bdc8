import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { serverOptions } from './server-options.js';

const anyText: unknown = expect.any(String);

describe('refusals made before routing', () => {
  const app = Fastify(serverOptions({ service: 'test', logLevel: 'silent' }));
  app.get('/api/rooms/:id/messages/:messageId', async () => ({ ok: true }));
  afterAll(() => app.close());

  it.each([
    ['a path parameter past the router limit', `/api/rooms/r/messages/${'x'.repeat(101)}`],
    ['a broken percent escape', '/api/rooms/%E0%A4%A/messages/m'],
  ])('answers %s as a problem+json 400 bad_request', async (_what, url) => {
    const response = await app.inject({ method: 'GET', url });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ code: 'bad_request', status: 400, detail: anyText });
  });
});
