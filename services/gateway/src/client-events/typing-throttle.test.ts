import { describe, expect, it } from 'vitest';
import { TypingThrottle } from './typing-throttle.js';

describe('TypingThrottle', () => {
  it('lets one indicator per user and room through per interval', () => {
    let now = 0;
    const throttle = new TypingThrottle(2000, () => now);
    expect(throttle.allow('u1', 'r1')).toBe(true);
    expect(throttle.allow('u1', 'r1')).toBe(false);
    expect(throttle.allow('u1', 'r2')).toBe(true);
    expect(throttle.allow('u2', 'r1')).toBe(true);
    now += 1999;
    expect(throttle.allow('u1', 'r1')).toBe(false);
    now += 1;
    expect(throttle.allow('u1', 'r1')).toBe(true);
  });

  it('keeps working while pruning a large map', () => {
    let now = 0;
    const throttle = new TypingThrottle(2000, () => now);
    for (let index = 0; index < 10_001; index++) throttle.allow(`u${index}`, 'r');
    now += 2000;
    expect(throttle.allow('fresh', 'r')).toBe(true);
    expect(throttle.allow('u1', 'r')).toBe(true);
    expect(throttle.allow('u1', 'r')).toBe(false);
  });
});
