import { describe, expect, it } from 'vitest';
import { checkRequired, PASSWORD_MIN_LENGTH } from './required-fields';

describe('checkRequired', () => {
  it('asks for every blank required field', () => {
    expect(checkRequired({ email: ' ', password: '' }, ['email', 'password'])).toEqual({
      email: 'Enter your email address.',
      password: 'Enter your password.',
    });
  });

  it('holds only new passwords to the protocol minimum', () => {
    const short = 'x'.repeat(PASSWORD_MIN_LENGTH - 1);
    expect(checkRequired({ password: short }, ['password'])).toEqual({});
    expect(checkRequired({ password: short }, ['password'], ['password'])).toEqual({
      password: `Use at least ${PASSWORD_MIN_LENGTH} characters.`,
    });
  });
});
