import { describe, expect, it } from 'vitest';
import { accessTokenVerifier, signAccessToken, type VerifyAccessToken } from './access-token.js';
import { generateSigningKeyPair, importSigningKey } from './keys.js';
import { cachingVerifier } from './verified-token-cache.js';

const subject = { userId: 'u1', sessionId: 's1', emailVerified: true, displayName: 'Ada' };

async function setup(maxEntries?: number) {
  const pair = await generateSigningKeyPair();
  const key = await importSigningKey(pair.privateKeyPem, pair.kid);
  const inner = accessTokenVerifier(pair.publicKeys);
  const calls: string[] = [];
  const counted: VerifyAccessToken = (token, now) => {
    calls.push(token);
    return inner(token, now);
  };
  return { key, calls, verify: cachingVerifier(counted, maxEntries) };
}

describe('cachingVerifier', () => {
  it('checks a token once, then answers the same claims from memory', async () => {
    const { key, calls, verify } = await setup();
    const { token } = await signAccessToken(key, subject, 60);
    const first = await verify(token);
    const second = await verify(token);
    expect(second).toEqual(first);
    expect(second).toMatchObject(subject);
    expect(calls).toHaveLength(1);
    expect(Object.isFrozen(second)).toBe(true);
  });

  it('refuses a remembered token once it has expired', async () => {
    const { key, verify } = await setup();
    const { token, expiresAt } = await signAccessToken(key, subject, 60);
    await verify(token);
    await expect(verify(token, expiresAt.getTime())).rejects.toMatchObject({ code: 'token_expired' });
  });

  it('never remembers a refusal', async () => {
    const { key, calls, verify } = await setup();
    const { token } = await signAccessToken(key, subject, 60);
    const tampered = `${token.slice(0, -2)}AA`;
    await expect(verify(tampered)).rejects.toMatchObject({ code: 'unauthenticated' });
    await expect(verify(tampered)).rejects.toMatchObject({ code: 'unauthenticated' });
    expect(calls).toHaveLength(2);
  });

  it('keeps at most maxEntries tokens, dropping the oldest', async () => {
    const { key, calls, verify } = await setup(2);
    const tokens = await Promise.all(
      ['a', 'b', 'c'].map(
        async (sessionId) => (await signAccessToken(key, { ...subject, sessionId }, 60)).token,
      ),
    );
    for (const token of tokens) await verify(token);
    await verify(tokens[2]!);
    await verify(tokens[1]!);
    expect(calls).toHaveLength(3);
    await verify(tokens[0]!);
    expect(calls).toHaveLength(4);
  });
});
