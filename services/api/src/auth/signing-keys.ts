import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  generateSigningKeyPair,
  importSigningKey,
  publicKeysOf,
  signingKeyIsCurrent,
  type PublicKeySet,
  type SigningKey,
} from '@livechat/access-token';
import { ConfigError } from '@livechat/protocol';

export interface SigningKeys {
  signingKey: SigningKey;
  publicKeys: PublicKeySet;
}

/**
 * The access-token key pair: JWT_PRIVATE_KEY + JWT_KEY_ID when configured (cluster); otherwise, where the
 * data lives on local disk (standalone), a pair generated once and kept beside the data, so tokens survive
 * a restart.
 */
export async function loadSigningKeys(options: {
  privateKeyPem?: string | undefined;
  keyId?: string | undefined;
  dataDir?: string | undefined;
}): Promise<SigningKeys> {
  if (options.privateKeyPem) {
    if (!options.keyId)
      throw new ConfigError('Invalid configuration: JWT_KEY_ID is required with JWT_PRIVATE_KEY');
    const pem = options.privateKeyPem.replaceAll('\\n', '\n');
    if (!signingKeyIsCurrent(pem))
      throw new ConfigError(
        'Invalid configuration: JWT_PRIVATE_KEY must be an RSA private key (PKCS#8 PEM, 2048 bits or more) for RS256 tokens; generate one with `npm run keys -w @livechat/infra`',
      );
    return {
      signingKey: await importSigningKey(pem, options.keyId),
      publicKeys: await publicKeysOf(pem, options.keyId),
    };
  }
  if (!options.dataDir) throw new ConfigError('Invalid configuration: JWT_PRIVATE_KEY is required');
  const file = join(options.dataDir, 'access-token-key.json');
  const stored = await readFile(file, 'utf8').then(
    (text) => JSON.parse(text) as { kid: string; privateKeyPem: string },
    () => undefined,
  );
  // A pair kept from before tokens were RS256 (Ed25519) is replaced: its tokens are short-lived, and
  // sessions live on in their refresh cookies, which get a token of the new key at the next refresh.
  const current = stored && signingKeyIsCurrent(stored.privateKeyPem) ? stored : undefined;
  const pair = current ?? (await generateSigningKeyPair());
  if (!current) {
    await mkdir(options.dataDir, { recursive: true });
    await writeFile(file, JSON.stringify({ kid: pair.kid, privateKeyPem: pair.privateKeyPem }), {
      mode: 0o600,
    });
  }
  return {
    signingKey: await importSigningKey(pair.privateKeyPem, pair.kid),
    publicKeys: await publicKeysOf(pair.privateKeyPem, pair.kid),
  };
}
