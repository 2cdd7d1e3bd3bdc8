import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { hashOpaqueToken, newOpaqueToken, parseOpaqueToken } from './opaque-token.js';

describe('opaque tokens', () => {
  it('are 32 random bytes in base64url, stored only as their SHA-256', () => {
    const { token, hash } = newOpaqueToken();
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(hash).toEqual(hashOpaqueToken(token));
    expect(hash).toHaveLength(32);
    expect(newOpaqueToken().token).not.toBe(token);
  });

  it('parses every token it issues, unchanged (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (bytes) => {
        const token = Buffer.from(bytes).toString('base64url');
        expect(parseOpaqueToken(token)).toBe(token);
      }),
    );
  });

  it('refuses any cookie value that is not exactly such a token (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 100 }), (value) => {
        const parsed = parseOpaqueToken(value);
        if (parsed === null) return;
        expect(parsed).toBe(value);
        expect(value).toMatch(/^[A-Za-z0-9_-]{43}$/);
        expect(Buffer.from(value, 'base64url').toString('base64url')).toHaveLength(43);
      }),
    );
    for (const value of [
      undefined,
      null,
      '',
      'A'.repeat(42),
      'A'.repeat(44),
      `${'A'.repeat(42)}=`,
      `${'A'.repeat(42)}+`,
    ]) {
      expect(parseOpaqueToken(value)).toBeNull();
    }
  });
});
