import { describe, expect, it } from 'vitest';
import { MESSAGE_TEXT_PATTERN, NAME_PATTERN, PLAIN_TEXT_PATTERN, normalizeName } from './text.js';

// The API's Ajv (8, unicodeRegExp on by default) compiles `pattern` as `new RegExp(pattern, 'u')`.
const accepts = (pattern: string) => (text: string) => new RegExp(pattern, 'u').test(text);

describe('text rules', () => {
  const name = accepts(NAME_PATTERN);
  const message = accepts(MESSAGE_TEXT_PATTERN);
  const plain = accepts(PLAIN_TEXT_PATTERN);

  it('refuse half a surrogate pair, with and without the u flag, and keep whole pairs', () => {
    for (const flags of ['u', '']) {
      for (const pattern of [NAME_PATTERN, MESSAGE_TEXT_PATTERN, PLAIN_TEXT_PATTERN]) {
        const test = (text: string) => new RegExp(pattern, flags).test(text);
        for (const text of ['\uD800', 'a\uD800!', 'a\uDC00b', '\uDFFF\uD800'])
          expect(test(text), text).toBe(false);
        expect(test('Zoë 😀 𝕏')).toBe(true);
      }
    }
  });

  it('accept emoji, CJK and right-to-left letters', () => {
    for (const text of ['Zoë 😀', '李小龙', 'مرحبا', 'שלום', 'e\u0301']) {
      expect(name(text), text).toBe(true);
      expect(message(text), text).toBe(true);
      expect(plain(text), text).toBe(true);
    }
    expect(message('line one\n\tline two')).toBe(true);
  });

  it('refuse NUL and other control characters', () => {
    for (const bad of ['a\u0000b', 'a\u0007', 'a\u001Bb', 'a\u0085', 'a\u009F']) {
      expect(name(bad)).toBe(false);
      expect(message(bad)).toBe(false);
      expect(plain(bad)).toBe(false);
    }
    expect(name('a\nb')).toBe(false);
  });

  it('refuse names and messages that show nothing, and bidi controls in names', () => {
    for (const invisible of ['\u200B', '\u200C\u200D', '\u2060', '\uFEFF', '\u3164', ' \u200B\t']) {
      expect(name(invisible)).toBe(false);
      expect(message(invisible)).toBe(false);
    }
    for (const bidi of ['\u202Eevil', 'a\u2066b', 'a\u200Fb', 'a\u061Cb', 'a\u202Ab']) {
      expect(name(bidi)).toBe(false);
    }
  });

  it('normalises names to NFC, trimmed', () => {
    expect(normalizeName('  Ame\u0301lie ')).toBe('Amélie');
  });
});
