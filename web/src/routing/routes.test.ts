import { describe, expect, it } from 'vitest';
import { matchRoute, paths } from './routes';

describe('matchRoute', () => {
  it('reads the token of a verification link', () => {
    expect(matchRoute('/verify-email', '?token=abc_DEF-123')).toEqual({
      name: 'verifyEmail',
      token: 'abc_DEF-123',
    });
  });

  it('reads the token of a reset link, empty when missing', () => {
    expect(matchRoute('/reset-password', '?token=t0k')).toEqual({ name: 'resetPassword', token: 't0k' });
    expect(matchRoute('/reset-password', '')).toEqual({ name: 'resetPassword', token: '' });
  });

  it('round-trips a room path', () => {
    const id = '0b9f6a1e-3c55-4c1a-9a51-7b2c4d3e2f10';
    expect(matchRoute(paths.room(id), '')).toEqual({ name: 'room', roomId: id });
  });

  it('ignores a trailing slash and reports unknown paths', () => {
    expect(matchRoute('/login/', '')).toEqual({ name: 'login' });
    expect(matchRoute('/rooms/a/b', '')).toEqual({ name: 'notFound' });
    expect(matchRoute('/nope', '')).toEqual({ name: 'notFound' });
  });
});
