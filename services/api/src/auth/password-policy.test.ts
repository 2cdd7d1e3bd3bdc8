import { describe, expect, it } from 'vitest';
import { dictionary } from '@zxcvbn-ts/language-common';
import { weakPasswordReason } from './password-policy.js';

const owner = { email: 'Ada.Lovelace+chat@example.com', displayName: 'Countess Ada' };

describe('weakPasswordReason', () => {
  it('refuses the top 10,000 common passwords, in any letter case', () => {
    const top = dictionary['passwords-common'].slice(0, 10_000);
    expect(top).toHaveLength(10_000);
    for (const common of top) expect([common, weakPasswordReason(common, owner)]).not.toEqual([common, null]);
    for (const common of ['PASSWORD1', 'Iloveyou', 'QwertyUIOP']) {
      expect(weakPasswordReason(common, owner)).toMatch(/most common/);
    }
  });

  it('refuses the email local part, the display name (spaced or not) and "livechat", case-insensitively', () => {
    for (const contains of [
      'my ada.lovelace+chat secret',
      'I am the COUNTESS ADA of chat',
      'countessada forever and ever',
      'best LiveChat ever made',
    ]) {
      expect([contains, weakPasswordReason(contains, owner)]).toEqual([
        contains,
        expect.stringMatching(/must not contain/),
      ]);
    }
  });

  it('accepts an uncommon passphrase, and ignores context words under 3 characters', () => {
    expect(weakPasswordReason('correct horse battery staple', owner)).toBeNull();
    expect(
      weakPasswordReason('always alright, all told', { email: 'al@example.com', displayName: 'Al' }),
    ).toBeNull();
  });
});
