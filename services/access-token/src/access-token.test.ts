import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SignJWT, UnsecuredJWT, base64url } from 'jose';
import { ACCESS_TOKEN_TYPE, TOKEN_ALGORITHM, TOKEN_AUDIENCE, TOKEN_ISSUER } from '@livechat/protocol';
import { accessTokenVerifier, signAccessToken } from './access-token.js';
import {
  generateSigningKeyPair,
  importSigningKey,
  parsePublicKeySet,
  publicKeysOf,
  signingKeyIsCurrent,
  type PublicKeySet,
} from './keys.js';

const publicKeyPem = (jwk: PublicKeySet['keys'][number]) =>
  createPublicKey({ key: { ...jwk }, format: 'jwk' })
    .export({ type: 'spki', format: 'pem' })
    .toString();

const subject = { userId: 'u1', sessionId: 's1', emailVerified: true, displayName: 'Ada' };

async function setup() {
  const pair = await generateSigningKeyPair();
  const key = await importSigningKey(pair.privateKeyPem, pair.kid);
  return { pair, key, verify: accessTokenVerifier(pair.publicKeys) };
}

describe('access tokens', () => {
  it('round-trips a signed token', async () => {
    const { key, verify } = await setup();
    const { token, expiresAt } = await signAccessToken(key, subject, 60);
    const verified = await verify(token);
    expect(verified).toMatchObject(subject);
    expect(verified.expiresAt.getTime()).toBe(expiresAt.getTime());
  });

  it('derives the same public keys from the private key', async () => {
    const { pair } = await setup();
    expect(await publicKeysOf(pair.privateKeyPem, pair.kid)).toEqual(pair.publicKeys);
    // Nothing of the private key in the published set: RSA's public members only.
    expect(Object.keys(pair.publicKeys.keys[0]!).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
    expect(parsePublicKeySet(JSON.stringify(pair.publicKeys))).toEqual(pair.publicKeys);
    expect(() => parsePublicKeySet('{"keys":[]}')).toThrow(/JWKS/);
  });

  it('rejects an expired token as token_expired', async () => {
    const { key, verify } = await setup();
    const { token } = await signAccessToken(key, subject, 5, new Date(Date.now() - 60_000));
    await expect(verify(token)).rejects.toMatchObject({ code: 'token_expired' });
  });

  it('rejects a token signed by another key', async () => {
    const { verify } = await setup();
    const other = await setup();
    const { token } = await signAccessToken(other.key, subject, 60);
    await expect(verify(token)).rejects.toMatchObject({ code: 'unauthenticated' });
  });

  it('rejects alg none, HMAC, a wrong typ, issuer or audience', async () => {
    const { key, pair, verify } = await setup();
    const none = new UnsecuredJWT({ sid: 's1' })
      .setSubject('u1')
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setExpirationTime('1h')
      .setIssuedAt()
      .encode();
    await expect(verify(none)).rejects.toMatchObject({ code: 'unauthenticated' });

    // HMAC keyed with the public key's PEM: the classic algorithm-confusion forgery.
    const secret = Buffer.from(publicKeyPem(pair.publicKeys.keys[0]!));
    const hmac = await new SignJWT({ sid: 's1' })
      .setProtectedHeader({ alg: 'HS256', kid: pair.kid, typ: ACCESS_TOKEN_TYPE })
      .setSubject('u1')
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(secret);
    await expect(verify(hmac)).rejects.toMatchObject({ code: 'unauthenticated' });

    const build = (header: Record<string, string>, issuer = TOKEN_ISSUER, audience = TOKEN_AUDIENCE) =>
      new SignJWT({ sid: 's1' })
        .setProtectedHeader({ alg: TOKEN_ALGORITHM, kid: key.kid, typ: ACCESS_TOKEN_TYPE, ...header })
        .setSubject('u1')
        .setIssuer(issuer)
        .setAudience(audience)
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(key.privateKey);
    await expect(verify(await build({ typ: 'JWT' }))).rejects.toMatchObject({ code: 'unauthenticated' });
    await expect(verify(await build({}, 'someone-else'))).rejects.toMatchObject({ code: 'unauthenticated' });
    await expect(verify(await build({}, TOKEN_ISSUER, 'other-app'))).rejects.toMatchObject({
      code: 'unauthenticated',
    });
    await expect(verify(await build({}))).resolves.toMatchObject({ userId: 'u1' });
  });

  it('reads a token signed before the name claim existed with an empty display name', async () => {
    const { key, verify } = await setup();
    const legacy = await new SignJWT({ sid: 's1', ev: true })
      .setProtectedHeader({ alg: TOKEN_ALGORITHM, kid: key.kid, typ: ACCESS_TOKEN_TYPE })
      .setSubject('u1')
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(key.privateKey);
    await expect(verify(legacy)).resolves.toMatchObject({ userId: 'u1', displayName: '' });
  });

  it('rejects a crit header, a future nbf, a changed payload and stray characters', async () => {
    const { key, verify } = await setup();
    const build = (header: Record<string, unknown>, notBefore?: string) => {
      const jwt = new SignJWT({ sid: 's1' })
        .setProtectedHeader({ alg: TOKEN_ALGORITHM, kid: key.kid, typ: ACCESS_TOKEN_TYPE, ...header })
        .setSubject('u1')
        .setIssuer(TOKEN_ISSUER)
        .setAudience(TOKEN_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime('1h');
      return (notBefore ? jwt.setNotBefore(notBefore) : jwt).sign(key.privateKey, {
        crit: { 'x-ext': true },
      });
    };
    const unauthenticated = { code: 'unauthenticated' };
    await expect(verify(await build({ crit: ['x-ext'], 'x-ext': true }))).rejects.toMatchObject(
      unauthenticated,
    );
    await expect(verify(await build({}, '10 min'))).rejects.toMatchObject(unauthenticated);

    const { token } = await signAccessToken(key, subject, 60);
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const forged = base64url.encode(JSON.stringify({ ...claims, sub: 'someone-else' }));
    await expect(verify(`${header}.${forged}.${signature}`)).rejects.toMatchObject(unauthenticated);
    await expect(verify(`${header}.${payload}.${signature}.x`)).rejects.toMatchObject(unauthenticated);
    await expect(verify(`${header}.${payload}.${signature}!`)).rejects.toMatchObject(unauthenticated);
    await expect(verify(token)).resolves.toMatchObject({ userId: 'u1' });
  });

  it('rejects garbage', async () => {
    const { verify } = await setup();
    for (const junk of ['', 'a.b.c', 'not a token', '{}']) {
      await expect(verify(junk)).rejects.toMatchObject({ code: 'unauthenticated' });
    }
  });

  it('takes only RSA keys of 2048 bits or more: an Ed25519 pair from before RS256 is refused', () => {
    const ed25519 = generateKeyPairSync('ed25519');
    const shortRsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const pem = (key: typeof ed25519.privateKey) => key.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(signingKeyIsCurrent(pem(ed25519.privateKey))).toBe(false);
    expect(signingKeyIsCurrent(pem(shortRsa.privateKey))).toBe(false);
    expect(signingKeyIsCurrent('not a key')).toBe(false);
    for (const { publicKey } of [ed25519, shortRsa]) {
      const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'old' };
      expect(() => accessTokenVerifier({ keys: [jwk] })).toThrow(/RS256/);
    }
  });

  it('refuses to sign with a key of the old type', async () => {
    const ed25519 = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' });
    await expect(importSigningKey(ed25519.toString(), 'old')).rejects.toThrow(/RSA/);
  });
});
