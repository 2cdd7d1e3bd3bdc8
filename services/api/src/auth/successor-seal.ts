import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

// Why seal the successor at all: a replay within the grace window must get the very token the first
// refresh issued, but only its hash is stored. Keeping the raw successor would let a leaked table sign
// in; sealing it with a key derived from the predecessor's raw token means only whoever holds that
// predecessor cookie — exactly who is entitled to the replay — can open it, and no server secret is
// needed (replicas agree for free, nothing to rotate). The key is HKDF, not the stored SHA-256 hash of
// the predecessor, so the table alone opens nothing.

const IV_BYTES = 12;
const TAG_BYTES = 16;

const keyOf = (predecessor: string): Buffer =>
  Buffer.from(hkdfSync('sha256', predecessor, '', 'livechat refresh successor seal', 32));

/** AES-256-GCM of `successor` under the predecessor's key: iv ‖ tag ‖ ciphertext. */
export function sealSuccessor(successor: string, predecessor: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keyOf(predecessor), iv);
  const body = Buffer.concat([cipher.update(successor, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

/** The successor sealed by `sealSuccessor`, or null when `predecessor` is not the one it was sealed for. */
export function openSuccessor(sealed: Buffer, predecessor: string): string | null {
  if (sealed.length <= IV_BYTES + TAG_BYTES) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyOf(predecessor), sealed.subarray(0, IV_BYTES));
    decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    const body = sealed.subarray(IV_BYTES + TAG_BYTES);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
