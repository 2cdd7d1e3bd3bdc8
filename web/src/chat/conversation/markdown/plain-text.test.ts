import { describe, expect, it } from 'vitest';
import { plainText } from './plain-text';

describe('plainText', () => {
  it('drops the markup and keeps the words, on one line', () => {
    expect(plainText('**Deploy** is _done_, see [the log](https://example.com/log)')).toBe(
      'Deploy is done, see the log',
    );
    expect(plainText('> quoted\n- one\n- two\n```\ncode()\n```')).toBe('quoted one two code()');
    expect(plainText('`a*b*c` and ~~old~~ new')).toBe('a*b*c and old new');
  });

  it('shows what is not formatting exactly as typed', () => {
    expect(plainText('2 * 3 * 4 = 24')).toBe('2 * 3 * 4 = 24');
    expect(plainText('<script>alert(1)</script>')).toBe('<script>alert(1)</script>');
    expect(plainText('[x](javascript:alert(1))')).toBe('[x](javascript:alert(1))');
  });
});
