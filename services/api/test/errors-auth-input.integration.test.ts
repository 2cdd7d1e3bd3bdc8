import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildUser, type TestUser } from './support/factories.js';
import { startTestApi, TEST_ORIGIN, type TestApi } from './support/test-api.js';

/** A valid body for each auth route with one, and the limits of its strings. */
const TOKEN = 'A'.repeat(43);
const ROUTES: { url: string; valid: Record<string, unknown>; tooLong: Record<string, unknown>[] }[] = [
  {
    url: '/api/auth/register',
    valid: { email: 'new@example.com', password: 'long enough', displayName: 'New' },
    tooLong: [
      { email: `${'a'.repeat(250)}@example.com` },
      { password: 'p'.repeat(257) },
      { displayName: 'd'.repeat(65) },
    ],
  },
  { url: '/api/auth/verify-email', valid: { token: TOKEN }, tooLong: [{ token: 'A'.repeat(129) }] },
  {
    url: '/api/auth/resend-verification',
    valid: { email: 'new@example.com' },
    tooLong: [{ email: `${'a'.repeat(250)}@example.com` }],
  },
  {
    url: '/api/auth/login',
    valid: { email: 'new@example.com', password: 'x' },
    tooLong: [{ password: 'p'.repeat(257) }],
  },
  {
    url: '/api/auth/forgot-password',
    valid: { email: 'new@example.com' },
    tooLong: [{ email: `${'a'.repeat(250)}@example.com` }],
  },
  {
    url: '/api/auth/reset-password',
    valid: { token: TOKEN, password: 'long enough' },
    tooLong: [{ password: 'p'.repeat(257) }, { token: 'A'.repeat(129) }],
  },
  {
    url: '/api/auth/change-password',
    valid: { currentPassword: 'x', newPassword: 'long enough' },
    tooLong: [{ currentPassword: 'p'.repeat(257) }, { newPassword: 'p'.repeat(257) }],
  },
];

describe('bad input to the auth endpoints', () => {
  let api: TestApi;
  let user: TestUser;
  beforeAll(async () => {
    api = await startTestApi();
    user = await buildUser(api.app);
  });
  afterAll(() => api.close());

  const send = (url: string, payload: string, contentType = 'application/json') =>
    api.app.inject({
      method: 'POST',
      url,
      payload,
      headers: { 'content-type': contentType, origin: TEST_ORIGIN, ...user.headers },
    });
  const expectProblem = (
    response: { statusCode: number; headers: Record<string, unknown>; json: () => unknown },
    status: number,
    code: string,
  ) => {
    expect(response.statusCode).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ status, code, detail: expect.any(String) as string });
  };

  for (const route of ROUTES) {
    describe(route.url, () => {
      it('refuses malformed JSON, a missing body and missing fields', async () => {
        expectProblem(await send(route.url, '{"email": '), 400, 'bad_request');
        expectProblem(await send(route.url, ''), 400, 'bad_request');
        expectProblem(await send(route.url, '{}'), 400, 'validation_failed');
        for (const field of Object.keys(route.valid)) {
          const { [field]: _missing, ...rest } = route.valid;
          const response = await send(route.url, JSON.stringify(rest));
          expectProblem(response, 400, 'validation_failed');
          expect(response.json<{ errors: { field: string }[] }>().errors[0]!.field).toBe('body');
        }
      });

      it('refuses wrong types and too-long strings, naming the field', async () => {
        for (const field of Object.keys(route.valid)) {
          // Numbers, booleans and one-element arrays too: nothing is coerced into the type the schema wants.
          const wrongValues: unknown[] = [
            { nested: true },
            ['a', 'b'],
            null,
            12345678,
            true,
            ['long enough'],
          ];
          for (const wrong of wrongValues) {
            const response = await send(route.url, JSON.stringify({ ...route.valid, [field]: wrong }));
            expectProblem(response, 400, 'validation_failed');
            expect(response.json<{ detail: string }>().detail).toContain(`body.${field}`);
          }
        }
        for (const tooLong of route.tooLong) {
          const response = await send(route.url, JSON.stringify({ ...route.valid, ...tooLong }));
          expectProblem(response, 400, 'validation_failed');
          expect(response.json<{ detail: string }>().detail).toMatch(
            /must NOT have more than \d+ characters/,
          );
        }
      });

      it('refuses unknown fields instead of dropping them', async () => {
        const response = await send(route.url, JSON.stringify({ ...route.valid, isAdmin: true }));
        expectProblem(response, 400, 'validation_failed');
        expect(response.json<{ detail: string }>().detail).toMatch(/additional properties/);
      });

      it('refuses an oversized body (413) and bodies that are not JSON (415)', async () => {
        const huge = JSON.stringify({ ...route.valid, padding: 'x'.repeat(api.config.BODY_LIMIT_BYTES) });
        expectProblem(await send(route.url, huge), 413, 'payload_too_large');
        expectProblem(
          await send(route.url, '<email>a@example.com</email>', 'application/xml'),
          415,
          'unsupported_media_type',
        );
        expectProblem(await send(route.url, 'a@example.com', 'text/plain'), 415, 'unsupported_media_type');
        expectProblem(
          await send(route.url, 'email=a%40example.com', 'application/x-www-form-urlencoded'),
          415,
          'unsupported_media_type',
        );
      });
    });
  }

  it('refuses a logout body of the wrong shape', async () => {
    expectProblem(await send('/api/auth/logout', '{"everywhere": "sometimes"}'), 400, 'validation_failed');
    expectProblem(await send('/api/auth/logout', '[]'), 400, 'validation_failed');
  });

  it('answers arbitrary JSON with a 4xx problem (or success), never a 5xx (property)', async () => {
    const body = fc.oneof(
      fc.jsonValue(),
      fc.record(
        {
          email: fc.oneof(fc.emailAddress(), fc.jsonValue()),
          password: fc.jsonValue(),
          displayName: fc.jsonValue(),
        },
        { requiredKeys: [] },
      ),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ROUTES.map((route) => route.url)), body, async (url, value) => {
        const response = await send(url, JSON.stringify(value) ?? 'null');
        expect(response.statusCode).toBeLessThan(500);
        if (response.statusCode >= 400) expect(response.headers['content-type']).toMatch(/problem\+json/);
      }),
      { numRuns: 150 },
    );
  });
});
