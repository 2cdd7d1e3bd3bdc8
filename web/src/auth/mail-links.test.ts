import { describe, expect, it } from 'vitest';
import { splitMailText } from './mail-links';

describe('splitMailText', () => {
  it('turns the verification link into an in-app path, keeping the words around it', () => {
    const text = 'Hello Ada,\nverify here: http://127.0.0.1:3000/verify-email?token=abc_123\nThanks';
    expect(splitMailText(text)).toEqual([
      { text: 'Hello Ada,\nverify here: ' },
      { to: '/verify-email', search: { token: 'abc_123' } },
      { text: '\nThanks' },
    ]);
  });

  it('leaves links elsewhere as they are', () => {
    expect(splitMailText('see https://example.com/docs/x')).toEqual([
      { text: 'see ' },
      { href: 'https://example.com/docs/x' },
    ]);
  });
});
