import { describe, expect, it } from 'vitest';
import { characterCountText, isOverLimit } from './character-count';

describe('characterCountText', () => {
  it('says nothing far from the limit', () => {
    expect(characterCountText(10, 4000)).toBeNull();
  });
  it('counts down near the limit', () => {
    expect(characterCountText(3900, 4000)).toBe('100 characters left');
    expect(characterCountText(3999, 4000)).toBe('1 character left');
    expect(characterCountText(4000, 4000)).toBe('0 characters left');
  });
  it('says how far over the limit a draft is, never a negative "left"', () => {
    expect(characterCountText(5000, 4000)).toBe('1,000 characters over the limit');
    expect(characterCountText(4001, 4000)).toBe('1 character over the limit');
    expect(isOverLimit(4001, 4000)).toBe(true);
    expect(isOverLimit(4000, 4000)).toBe(false);
  });
});
