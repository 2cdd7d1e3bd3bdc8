import { ensureSigningKeyFolder, KEY_FILES } from '../signing-key-folder.js';

// `tsx infra/src/cli/generate-keys.ts <folder>`: the one key pair of a cluster (bare metal or compose).
const folder = process.argv[2];
if (!folder) {
  console.error('usage: generate-keys <folder>');
  process.exit(2);
}
const keys = await ensureSigningKeyFolder(folder);
console.log(
  `${keys.generated ? 'generated' : 'kept'} signing key ${keys.keyId} in ${folder} ` +
    `(${Object.values(KEY_FILES).join(', ')})`,
);
