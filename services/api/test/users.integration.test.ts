import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sql } from 'kysely';
import { likePrefixPattern } from '../src/users/like-pattern.js';
import { buildUser, type TestUser } from './support/factories.js';
import { startTestApi, type TestApi } from './support/test-api.js';

describe('users', () => {
  let api: TestApi;
  let me: TestUser;
  beforeAll(async () => {
    api = await startTestApi();
    me = await buildUser(api.app, { displayName: 'Searcher' });
  });
  afterAll(() => api.close());

  const search = (query: string, user: TestUser = me) =>
    api.app.inject({ url: `/api/users?${query}`, headers: user.headers });
  const namesFound = async (query: string) =>
    (await search(query)).json<{ users: { displayName: string }[] }>().users.map((user) => user.displayName);

  describe('me and my profile', () => {
    it('shows me to myself, email included', async () => {
      const response = await api.app.inject({ url: '/api/users/me', headers: me.headers });
      expect(response.json()).toEqual({
        id: me.id,
        email: me.email,
        displayName: 'Searcher',
        emailVerified: true,
        createdAt: expect.any(String) as string,
      });
    });

    it('changes my display name, trimmed', async () => {
      const user = await buildUser(api.app, { displayName: 'Before' });
      const response = await api.app.inject({
        method: 'PATCH',
        url: '/api/users/me',
        headers: user.headers,
        payload: { displayName: '  After  ' },
      });
      expect(response.json()).toMatchObject({ id: user.id, displayName: 'After' });
      const stored = await api.app.db
        .selectFrom('users')
        .select('display_name')
        .where('id', '=', user.id)
        .executeTakeFirstOrThrow();
      expect(stored.display_name).toBe('After');
    });

    it('refuses blank, too long, missing and mistyped display names', async () => {
      for (const payload of [
        { displayName: '   ' },
        { displayName: '' },
        { displayName: 'x'.repeat(65) },
        {},
        { displayName: { first: 'Ann' } },
      ]) {
        const response = await api.app.inject({
          method: 'PATCH',
          url: '/api/users/me',
          headers: me.headers,
          payload,
        });
        expect(response.statusCode).toBe(400);
        expect(response.json()).toMatchObject({
          code: 'validation_failed',
          errors: expect.any(Array) as unknown[],
        });
      }
    });

    it('lets an unverified account see and edit itself', async () => {
      const user = await buildUser(api.app, { verified: false });
      expect((await api.app.inject({ url: '/api/users/me', headers: user.headers })).json()).toMatchObject({
        emailVerified: false,
      });
      const patch = await api.app.inject({
        method: 'PATCH',
        url: '/api/users/me',
        headers: user.headers,
        payload: { displayName: 'Still Waiting' },
      });
      expect(patch.statusCode).toBe(200);
    });

    it('tells the holder of a token for a deleted account to sign in again', async () => {
      const user = await buildUser(api.app);
      await api.app.db.deleteFrom('users').where('id', '=', user.id).execute();
      const response = await api.app.inject({ url: '/api/users/me', headers: user.headers });
      expect(response.json()).toMatchObject({ status: 401, code: 'unauthenticated' });
    });
  });

  describe('search', () => {
    let marta: TestUser;
    beforeAll(async () => {
      marta = await buildUser(api.app, { displayName: 'Marta Kowalska', email: 'marta.k@example.com' });
      await buildUser(api.app, { displayName: 'Martin Ode' });
      await buildUser(api.app, { displayName: 'mARTHA lowercase' });
      await buildUser(api.app, { displayName: '50%_off Sale' });
      await buildUser(api.app, { displayName: '50 percent' });
      await buildUser(api.app, { displayName: 'Marty Unverified', verified: false });
    });

    it('finds verified people by display-name prefix, any case, never showing addresses', async () => {
      const response = await search('q=mar');
      expect(response.statusCode).toBe(200);
      const { users } = response.json<{ users: Record<string, unknown>[] }>();
      expect(users.map((user) => user.displayName)).toEqual([
        'Marta Kowalska',
        'mARTHA lowercase',
        'Martin Ode',
      ]);
      for (const user of users) expect(Object.keys(user).sort()).toEqual(['displayName', 'id']);
      expect(await namesFound('q=MARTA%20k')).toEqual(['Marta Kowalska']);
      expect(await namesFound('q=arta')).toEqual([]); // prefix, not substring
    });

    it('takes LIKE wildcards literally', async () => {
      expect(await namesFound(`q=${encodeURIComponent('50%_')}`)).toEqual(['50%_off Sale']);
      expect(await namesFound(`q=${encodeURIComponent('5_')}`)).toEqual([]);
      expect(await namesFound(`q=${encodeURIComponent('%')}`)).toEqual([]);
      expect(await namesFound(`q=${encodeURIComponent('\\')}`)).toEqual([]);
    });

    it('finds someone by their whole address, never by part of it', async () => {
      const found = await search(`q=${encodeURIComponent('  Marta.K@Example.com ')}`);
      expect(found.json()).toEqual({ users: [{ id: marta.id, displayName: 'Marta Kowalska' }] });
      expect(await namesFound(`q=${encodeURIComponent('marta.k@example')}`)).toEqual([]);
      expect(await namesFound(`q=${encodeURIComponent('@example.com')}`)).toEqual([]);
    });

    it('leaves out the searcher, honours the limit and refuses bad queries', async () => {
      expect(await namesFound('q=Searcher')).toEqual([]);
      expect(await namesFound('q=mar&limit=2')).toHaveLength(2);
      for (const query of ['', 'q=', 'q=%20%20', 'q=a&limit=0', 'q=a&limit=51', 'q=a&limit=two']) {
        const response = await search(query);
        expect(response.statusCode, query).toBe(400);
        expect(response.json()).toMatchObject({ code: 'validation_failed' });
      }
      expect((await search(`q=${'a'.repeat(255)}`)).statusCode).toBe(400);
    });

    it('is closed to unverified accounts', async () => {
      const user = await buildUser(api.app, { verified: false });
      expect((await search('q=mar', user)).json()).toMatchObject({ status: 403, code: 'email_not_verified' });
    });
  });

  it('escapes LIKE patterns so Postgres matches exactly the literal prefix (property)', async () => {
    // Postgres text cannot hold NUL; everything else, wildcards and backslashes included, must be literal.
    const text = fc.string({ unit: 'grapheme', maxLength: 12 }).map((value) => value.replaceAll('\0', ''));
    const tricky = fc.string({ unit: fc.constantFrom('a', 'B', '%', '_', '\\', 'é', ' '), maxLength: 8 });
    const pair = fc.tuple(fc.oneof(text, tricky), fc.oneof(text, tricky));
    await fc.assert(
      // Many pairs per query: one round trip checks them all.
      fc.asyncProperty(fc.array(pair, { minLength: 1, maxLength: 40 }), async (pairs) => {
        const { rows } = await sql<{ matches: boolean }>`
          select candidate like pattern as matches
          from unnest(${pairs.map(([, candidate]) => candidate)}::text[],
                      ${pairs.map(([prefix]) => likePrefixPattern(prefix))}::text[]) with ordinality
               as checks(candidate, pattern, position)
          order by position`.execute(api.app.db);
        expect(rows.map((row) => row.matches)).toEqual(
          pairs.map(([prefix, candidate]) => candidate.startsWith(prefix)),
        );
      }),
      { numRuns: 60 },
    );
  });
});
