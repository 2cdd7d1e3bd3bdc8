import { createMemoryHistory } from '@tanstack/react-router';
import { describe, expect, it } from 'vitest';
import { createAppRouter } from './router';

/** What the router matches for a URL: the leaf route, its params, its search and who may see it. */
function land(url: string) {
  const router = createAppRouter(createMemoryHistory({ initialEntries: [url] }));
  const matches = router.matchRoutes(router.parseLocation(router.history.location));
  const leaf = matches.at(-1);
  const path = leaf?.fullPath as string | undefined;
  return {
    path,
    params: leaf?.params as Record<string, string> | undefined,
    search: leaf?.search as Record<string, string> | undefined,
    access: matches.findLast((m) => m.staticData.access)?.staticData.access,
    notFound: path === '/$',
  };
}

describe('the app router', () => {
  it('reads the token of a verification link exactly as the mail wrote it', () => {
    expect(land('/verify-email?token=abc_DEF-123')).toMatchObject({
      path: '/verify-email',
      search: { token: 'abc_DEF-123' },
      access: 'public',
    });
    // The default JSON-in-query parsing would turn these into a number and a boolean.
    expect(land('/verify-email?token=12345').search).toEqual({ token: '12345' });
    expect(land('/reset-password?token=true').search).toEqual({ token: 'true' });
  });

  it('reads the token of a reset link, none when missing', () => {
    expect(land('/reset-password?token=t0k')).toMatchObject({ search: { token: 't0k' } });
    expect(land('/reset-password').search).toEqual({});
  });

  it('round-trips a room path', () => {
    const id = '0b9f6a1e-3c55-4c1a-9a51-7b2c4d3e2f10';
    const router = createAppRouter(createMemoryHistory({ initialEntries: ['/'] }));
    const href = router.buildLocation({ to: '/rooms/$roomId', params: { roomId: id } }).href;
    expect(href).toBe(`/rooms/${id}`);
    expect(land(href)).toMatchObject({ path: '/rooms/$roomId', params: { roomId: id }, access: 'verified' });
  });

  it('keeps the query of the dev mailbox and of "check your email"', () => {
    expect(land('/dev/mailbox?to=ada%2Btest%40example.com')).toMatchObject({
      path: '/dev/mailbox',
      search: { to: 'ada+test@example.com' },
    });
    expect(land('/check-email?email=a%40b.c')).toMatchObject({ search: { email: 'a@b.c' } });
  });

  it('says who may see each screen', () => {
    const accessOf = (url: string) => land(url).access;
    expect(accessOf('/login')).toBe('signedOut');
    expect(accessOf('/register')).toBe('signedOut');
    for (const url of [
      '/check-email',
      '/verify-email',
      '/forgot-password',
      '/reset-password',
      '/dev/mailbox',
    ])
      expect(accessOf(url), url).toBe('public');
    expect(accessOf('/settings')).toBe('signedIn');
    expect(accessOf('/')).toBe('verified');
  });

  it('ignores a trailing slash and reports unknown paths', () => {
    expect(land('/login/')).toMatchObject({ path: '/login', notFound: false });
    expect(land('/rooms/a/b').notFound).toBe(true);
    expect(land('/nope').notFound).toBe(true);
  });
});
