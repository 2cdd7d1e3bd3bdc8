import { createPrivateKey, createPublicKey, randomUUID } from 'node:crypto';
import { exportJWK, exportPKCS8, generateKeyPair, importJWK, importPKCS8, type JWK } from 'jose';
import { TOKEN_ALGORITHM } from '@livechat/protocol';

/** The size of the keys we generate and the least we accept (NIST SP 800-57: 112-bit security). */
export const RSA_MODULUS_BITS = 2048;

/** What the API signs with. Only the API ever holds one. */
export interface SigningKey {
  kid: string;
  privateKey: Awaited<ReturnType<typeof importPKCS8>>;
}

/** A JSON Web Key Set of public keys: what gateways verify with. Keep old keys listed while rotating. */
export interface PublicKeySet {
  keys: (JWK & { kid: string })[];
}

export interface GeneratedKeyPair {
  kid: string;
  privateKeyPem: string;
  publicKeys: PublicKeySet;
}

export async function generateSigningKeyPair(): Promise<GeneratedKeyPair> {
  const { privateKey, publicKey } = await generateKeyPair(TOKEN_ALGORITHM, {
    modulusLength: RSA_MODULUS_BITS,
    extractable: true,
  });
  const kid = randomUUID();
  const jwk = await exportJWK(publicKey);
  return {
    kid,
    privateKeyPem: await exportPKCS8(privateKey),
    publicKeys: { keys: [{ ...jwk, kid, alg: TOKEN_ALGORITHM, use: 'sig' }] },
  };
}

/**
 * Imports the API's private key; refuses one of another type or a short RSA key (a key pair generated
 * before tokens were RS256 was Ed25519: `signingKeyIsCurrent` tells a stored one apart, to replace it).
 */
export async function importSigningKey(privateKeyPem: string, kid: string): Promise<SigningKey> {
  if (!signingKeyIsCurrent(privateKeyPem))
    throw new Error(
      `the access-token key must be an RSA private key of at least ${RSA_MODULUS_BITS} bits (RS256)`,
    );
  return { kid, privateKey: await importPKCS8(privateKeyPem, TOKEN_ALGORITHM) };
}

/** Whether a PKCS#8 PEM is a private key tokens can be signed with today (RSA, ≥ 2048 bits). */
export function signingKeyIsCurrent(privateKeyPem: string): boolean {
  try {
    const key = createPrivateKey(privateKeyPem);
    return (
      key.asymmetricKeyType === 'rsa' && (key.asymmetricKeyDetails?.modulusLength ?? 0) >= RSA_MODULUS_BITS
    );
  } catch {
    return false;
  }
}

/**
 * Derives the public key set of a private key, so the API can publish what gateways need. From the
 * public half only: an RSA private JWK carries d, p, q, dp, dq and qi, none of which may reach a JWKS.
 */
export async function publicKeysOf(privateKeyPem: string, kid: string): Promise<PublicKeySet> {
  const publicJwk = createPublicKey(createPrivateKey(privateKeyPem)).export({ format: 'jwk' }) as JWK;
  await importJWK(publicJwk, TOKEN_ALGORITHM); // proves it is a usable public key
  return { keys: [{ ...publicJwk, kid, alg: TOKEN_ALGORITHM, use: 'sig' }] };
}

export function parsePublicKeySet(json: string): PublicKeySet {
  const parsed = JSON.parse(json) as unknown;
  const keys = (parsed as { keys?: unknown }).keys;
  if (
    !Array.isArray(keys) ||
    keys.length === 0 ||
    !keys.every((key) => typeof (key as JWK).kid === 'string')
  ) {
    throw new Error('expected a JWKS: {"keys":[{"kid":"…","kty":"RSA","n":"…","e":"AQAB"}]}');
  }
  return { keys: keys as PublicKeySet['keys'] };
}
