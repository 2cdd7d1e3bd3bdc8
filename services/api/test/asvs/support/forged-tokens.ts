import { SignJWT, type JWTHeaderParameters, type JWTPayload } from 'jose';
import { ACCESS_TOKEN_TYPE, TOKEN_ALGORITHM, TOKEN_AUDIENCE, TOKEN_ISSUER } from '@livechat/protocol';
import type { TestApi } from '../../support/test-api.js';
import type { TestUser } from '../../support/factories.js';

export interface TokenVariant {
  header?: Partial<JWTHeaderParameters> & Record<string, unknown>;
  claims?: JWTPayload & Record<string, unknown>;
  /** Sign with this key instead of the API's (an attacker's). */
  key?: Parameters<SignJWT['sign']>[0];
  /** Seconds from now; default one hour. */
  expiresIn?: number;
  notBefore?: number;
}

/**
 * An access token for `user` exactly as the API issues one (EdDSA, its kid, `typ`, issuer, audience, a
 * live session), with one thing changed: what each checklist item says must be refused.
 */
export async function variantToken(api: TestApi, user: TestUser, variant: TokenVariant = {}) {
  const { sessionId } = await api.app.tokens.verify(user.token);
  const now = Math.floor(Date.now() / 1000);
  const { signingKey } = api.deps.keys;
  const jwt = new SignJWT({ sid: sessionId, ev: true, name: user.displayName, ...variant.claims })
    .setProtectedHeader({
      alg: TOKEN_ALGORITHM,
      kid: signingKey.kid,
      typ: ACCESS_TOKEN_TYPE,
      ...variant.header,
    })
    .setSubject(user.id)
    .setIssuer(String(variant.claims?.iss ?? TOKEN_ISSUER))
    .setAudience(variant.claims?.aud ?? TOKEN_AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(now + (variant.expiresIn ?? 3600));
  if (variant.notBefore !== undefined) jwt.setNotBefore(now + variant.notBefore);
  return jwt.sign(variant.key ?? signingKey.privateKey);
}
