import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { signingKeyIsCurrent } from '@livechat/access-token';
import { loadSigningKeys } from './signing-keys.js';

describe('loadSigningKeys', () => {
  let dataDir: string | undefined;
  afterEach(async () => {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps the pair it generated beside the data across restarts', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'lc-keys-'));
    const first = await loadSigningKeys({ dataDir });
    const again = await loadSigningKeys({ dataDir });
    expect(again.signingKey.kid).toBe(first.signingKey.kid);
    expect(again.publicKeys).toEqual(first.publicKeys);
  });

  it('replaces an Ed25519 pair kept from before tokens were RS256', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'lc-keys-'));
    const file = join(dataDir, 'access-token-key.json');
    const old = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' });
    await writeFile(file, JSON.stringify({ kid: 'old-kid', privateKeyPem: old.toString() }));
    const keys = await loadSigningKeys({ dataDir });
    expect(keys.signingKey.kid).not.toBe('old-kid');
    expect(keys.publicKeys.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256' });
    const stored = JSON.parse(await readFile(file, 'utf8')) as { privateKeyPem: string };
    expect(signingKeyIsCurrent(stored.privateKeyPem)).toBe(true);
  });

  it('refuses a configured key of the old type with a configuration error', async () => {
    const old = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' });
    await expect(loadSigningKeys({ privateKeyPem: old.toString(), keyId: 'k' })).rejects.toThrow(
      /JWT_PRIVATE_KEY must be an RSA private key/,
    );
  });
});
