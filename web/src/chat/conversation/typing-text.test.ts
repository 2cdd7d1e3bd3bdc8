import { describe, expect, it } from 'vitest';
import { typingText } from './typing-text';

describe('typingText', () => {
  it('names up to two people and summarises more', () => {
    expect(typingText([])).toBe('');
    expect(typingText([{ displayName: 'Ada' }])).toBe('Ada is typing…');
    expect(typingText([{ displayName: 'Ada' }, { displayName: 'Bob' }])).toBe('Ada and Bob are typing…');
    expect(typingText([{ displayName: 'A' }, { displayName: 'B' }, { displayName: 'C' }])).toBe(
      'Several people are typing…',
    );
  });
});
