import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateSigningKeyPair, publicKeysOf, signingKeyIsCurrent } from '@livechat/access-token';

/** The files of a deployment's access-token key pair, as services read them (JWT_* variables). */
export const KEY_FILES = {
  /** RSA private key (RS256), PKCS#8 PEM: the API's JWT_PRIVATE_KEY. Mode 0600. */
  privateKey: 'private.pem',
  /** Key id written into every token header: the API's JWT_KEY_ID. */
  keyId: 'kid',
  /** JWKS of the public key: the gateways' JWT_PUBLIC_KEYS. */
  publicKeys: 'jwks.json',
} as const;

export interface SigningKeyFolder {
  privateKeyPem: string;
  keyId: string;
  publicKeysJson: string;
  /** True when this call generated the pair. */
  generated: boolean;
}

/**
 * Makes sure `folder` holds a key pair, generating one the first time, so a deployment keeps its keys (and
 * its users' tokens stay valid) across restarts. The public set is derived again from the private key, so
 * the three files can never disagree.
 */
export async function ensureSigningKeyFolder(folder: string): Promise<SigningKeyFolder> {
  const read = (name: string) =>
    readFile(join(folder, name), 'utf8').then(
      (text) => text.trim(),
      () => undefined,
    );
  let privateKeyPem = await read(KEY_FILES.privateKey);
  let keyId = await read(KEY_FILES.keyId);
  // A pair from before tokens were RS256 (Ed25519) is replaced like a missing one.
  const generated = !privateKeyPem || !keyId || !signingKeyIsCurrent(privateKeyPem);
  if (generated) {
    const pair = await generateSigningKeyPair();
    privateKeyPem = pair.privateKeyPem.trim();
    keyId = pair.kid;
    await mkdir(folder, { recursive: true, mode: 0o700 });
    await writeFile(join(folder, KEY_FILES.privateKey), `${privateKeyPem}\n`, { mode: 0o600 });
    await writeFile(join(folder, KEY_FILES.keyId), `${keyId}\n`);
  }
  const publicKeysJson = JSON.stringify(await publicKeysOf(privateKeyPem!, keyId!));
  await writeFile(join(folder, KEY_FILES.publicKeys), `${publicKeysJson}\n`);
  return { privateKeyPem: privateKeyPem!, keyId: keyId!, publicKeysJson, generated };
}
