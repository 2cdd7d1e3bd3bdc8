import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { originChecker } from './origin-check.js';

const ALLOWED = ['https://chat.example.com', 'http://localhost:3000/'];
const isAllowed = originChecker(ALLOWED);

describe('originChecker', () => {
  it('accepts exactly the allowed origins, normalised', () => {
    expect(isAllowed('https://chat.example.com')).toBe(true);
    expect(isAllowed('http://localhost:3000')).toBe(true);
    expect(originChecker(['HTTPS://Chat.Example.com:443/path'])('https://chat.example.com')).toBe(true);
  });

  it('refuses missing, opaque and look-alike origins', () => {
    for (const origin of [
      undefined,
      '',
      'null',
      'https://chat.example.com.evil.net',
      'https://evil.net/https://chat.example.com',
      'https://chat.example.com:8443',
      'http://chat.example.com',
      'https://chat.example.com/',
      'http://localhost:3001',
      'file:///etc/passwd',
    ]) {
      expect(isAllowed(origin), String(origin)).toBe(false);
    }
  });

  it('ignores allowlist entries that are not http(s) origins', () => {
    const check = originChecker(['not a url', 'ftp://files.example.com', 'https://ok.example']);
    expect(check('ftp://files.example.com')).toBe(false);
    expect(check('not a url')).toBe(false);
    expect(check('https://ok.example')).toBe(true);
  });

  it('accepts a header only if it equals one allowed origin (property)', () => {
    const allowedSet = new Set(['https://chat.example.com', 'http://localhost:3000']);
    // Near misses: right and wrong schemes, hosts, ports and trailing paths around the allowed ones.
    const originLike = fc
      .tuple(
        fc.constantFrom('http://', 'https://', 'HTTPS://', ''),
        fc.constantFrom(
          'chat.example.com',
          'localhost',
          'evil.net',
          'chat.example.com.evil.net',
          'Chat.Example.com',
        ),
        fc.constantFrom('', ':3000', ':443', ':80', '/', '/path', '.'),
      )
      .map((parts) => parts.join(''));
    const header = fc.oneof(
      fc.string(),
      originLike,
      fc
        .constantFrom(...allowedSet)
        .chain((origin) =>
          fc
            .tuple(fc.string({ maxLength: 4 }), fc.string({ maxLength: 4 }))
            .map(([before, after]) => before + origin + after),
        ),
    );
    fc.assert(
      fc.property(header, (value) => {
        expect(isAllowed(value)).toBe(allowedSet.has(value));
      }),
      { numRuns: 500 },
    );
  });
});
