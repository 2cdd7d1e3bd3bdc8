import { describe, expect, it } from 'vitest';
import { createCookieJar } from './cookie-jar.js';

/** A fake server: answers with the given Set-Cookie lines and records the Cookie header it received. */
function server(setCookies: string[][]) {
  const received: (string | null)[] = [];
  let call = 0;
  const fetch: typeof globalThis.fetch = async (_input, init) => {
    received.push(new Headers(init?.headers).get('cookie'));
    const headers = new Headers();
    for (const line of setCookies[call++] ?? []) headers.append('set-cookie', line);
    return new Response('{}', { headers });
  };
  return { fetch, received };
}

describe('createCookieJar', () => {
  it('sends a cookie back only under its path, and replaces it on rotation', async () => {
    const fake = server([
      ['lc_refresh=first; Path=/api/auth; HttpOnly; SameSite=Strict'],
      [],
      ['lc_refresh=second; Path=/api/auth; HttpOnly'],
      [],
    ]);
    const jar = createCookieJar(fake.fetch);
    await jar.fetch('http://api.test/api/auth/login', { method: 'POST' });
    await jar.fetch('http://api.test/api/rooms');
    await jar.fetch('http://api.test/api/auth/refresh', {
      method: 'POST',
      headers: { origin: 'http://chat.test' },
    });
    await jar.fetch('http://api.test/api/auth-other');
    expect(fake.received).toEqual([null, null, 'lc_refresh=first', null]);
    expect(jar.get('lc_refresh')).toBe('second');
  });

  it('forgets a cookie the server clears', async () => {
    const fake = server([['a=1; Path=/'], ['a=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT'], []]);
    const jar = createCookieJar(fake.fetch);
    await jar.fetch('http://api.test/x');
    expect(jar.get('a')).toBe('1');
    await jar.fetch('http://api.test/x');
    await jar.fetch('http://api.test/x');
    expect(fake.received[2]).toBeNull();
    expect(jar.get('a')).toBeUndefined();
  });
});
