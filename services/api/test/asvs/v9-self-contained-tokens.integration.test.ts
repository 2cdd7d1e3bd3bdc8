import { createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { base64url, decodeJwt, decodeProtectedHeader, exportJWK, generateKeyPair, UnsecuredJWT } from 'jose';
import { ACCESS_TOKEN_TYPE, TOKEN_ALGORITHM, TOKEN_AUDIENCE, TOKEN_ISSUER } from '@livechat/protocol';
import { buildUser } from '../support/factories.js';
import { callOverHttp, meStatus, signIn } from './support/http-client.js';
import { useAsvsDeployment } from './support/asvs-deployment.js';
import { variantToken } from './support/forged-tokens.js';

/** ASVS 5.0 V9 Self-contained Tokens, level 2: the API's access tokens (JWT, RFC 8725 best practice). */
describe('ASVS V9 self-contained tokens', () => {
  const { api } = useAsvsDeployment();

  /** 401 `unauthenticated` (or `token_expired`) from a signed-in route, nothing else. */
  const expectRefused = async (token: string, code = 'unauthenticated') => {
    const answer = await callOverHttp(api(), 'me', { token });
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ code });
  };

  it('V9.1.1 a token whose claims were changed after signing is refused; the original is accepted', async () => {
    const [victim, attacker] = await Promise.all([buildUser(api().app), buildUser(api().app)]);
    const [header, , signature] = attacker.token.split('.') as [string, string, string];
    const claims = decodeJwt(attacker.token);
    const asVictim = base64url.encode(JSON.stringify({ ...claims, sub: victim.id }));
    await expectRefused(`${header}.${asVictim}.${signature}`);
    expect(await meStatus(api(), attacker.token)).toBe(200);
  });

  it('V9.1.2 only RS256 verifies: alg none and HS256 keyed with the public key are refused', async () => {
    const user = await buildUser(api().app);
    const { sid } = decodeJwt(user.token);
    const unsigned = new UnsecuredJWT({ sid, ev: true })
      .setSubject(user.id)
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('1h')
      .encode();
    await expectRefused(unsigned);
    // The algorithm-confusion forgery: HMAC keyed with the public key's PEM, which anyone can read.
    const publicKey = createPublicKey({ key: { ...api().deps.keys.publicKeys.keys[0]! }, format: 'jwk' });
    const confused = await variantToken(api(), user, {
      header: { alg: 'HS256' },
      key: Buffer.from(publicKey.export({ type: 'spki', format: 'pem' })),
    });
    await expectRefused(confused);
  });

  it('V9.1.3 keys come only from the configured key set: embedded jwk, jku and unknown kid are ignored', async () => {
    const user = await buildUser(api().app);
    const attacker = await generateKeyPair(TOKEN_ALGORITHM, { modulusLength: 2048, extractable: true });
    const attackerJwk = await exportJWK(attacker.publicKey);
    const realKid = api().deps.keys.signingKey.kid;
    for (const header of [
      { jwk: attackerJwk },
      { jku: 'http://127.0.0.1:9/attacker-jwks.json' },
      { kid: 'attacker-key' },
    ]) {
      await expectRefused(
        await variantToken(api(), user, { header: { kid: realKid, ...header }, key: attacker.privateKey }),
      );
    }
  });

  it('V9.2.1 exp and nbf are enforced: expired and not-yet-valid tokens are refused', async () => {
    const user = await buildUser(api().app);
    await expectRefused(await variantToken(api(), user, { expiresIn: -60 }), 'token_expired');
    await expectRefused(await variantToken(api(), user, { notBefore: 600 }));
    expect(await meStatus(api(), await variantToken(api(), user))).toBe(200);
  });

  it('V9.2.2 only access tokens authorise: a generic JWT typ and the refresh token as bearer are refused', async () => {
    const user = await buildUser(api().app);
    await expectRefused(await variantToken(api(), user, { header: { typ: 'JWT' } }));
    const session = await signIn(api(), user.email);
    await expectRefused(session.refreshToken);
    expect(await meStatus(api(), session.accessToken)).toBe(200);
  });

  it('V9.2.3 tokens for another audience or from another issuer are refused', async () => {
    const user = await buildUser(api().app);
    await expectRefused(await variantToken(api(), user, { claims: { aud: 'another-service' } }));
    await expectRefused(await variantToken(api(), user, { claims: { iss: 'another-issuer' } }));
  });

  it('V9.2.4 every token the API issues names its one audience, issuer and type', async () => {
    const user = await buildUser(api().app);
    const { accessToken } = await signIn(api(), user.email);
    expect(decodeJwt(accessToken)).toMatchObject({ aud: TOKEN_AUDIENCE, iss: TOKEN_ISSUER, sub: user.id });
    expect(decodeProtectedHeader(accessToken)).toMatchObject({
      alg: TOKEN_ALGORITHM,
      typ: ACCESS_TOKEN_TYPE,
    });
    // The same key signs nothing else: email and refresh tokens are opaque random strings, not JWTs.
    expect(decodeProtectedHeader(accessToken).kid).toBe(api().deps.keys.signingKey.kid);
  });
});
