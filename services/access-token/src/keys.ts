import { randomUUID } from 'node:crypto';
import { exportJWK, exportPKCS8, generateKeyPair, importJWK, importPKCS8, type JWK } from 'jose';
import { TOKEN_ALGORITHM } from '@livechat/protocol';

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
    crv: 'Ed25519',
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

export async function importSigningKey(privateKeyPem: string, kid: string): Promise<SigningKey> {
  return { kid, privateKey: await importPKCS8(privateKeyPem, TOKEN_ALGORITHM) };
}

/** Derives the public key set of a private key, so the API can publish what gateways need. */
export async function publicKeysOf(privateKeyPem: string, kid: string): Promise<PublicKeySet> {
  const privateKey = await importPKCS8(privateKeyPem, TOKEN_ALGORITHM, { extractable: true });
  const { d: _private, ...publicJwk } = await exportJWK(privateKey);
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
    throw new Error('expected a JWKS: {"keys":[{"kid":"…","kty":"OKP","crv":"Ed25519","x":"…"}]}');
  }
  return { keys: keys as PublicKeySet['keys'] };
}
