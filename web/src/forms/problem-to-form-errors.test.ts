import type { Problem } from '@livechat/protocol';
import { describe, expect, it } from 'vitest';
import { friendlyFieldMessage, problemToFormErrors, toFormErrors } from './problem-to-form-errors';

const validation = (errors: Problem['errors']) => ({
  code: 'validation_failed' as const,
  message: 'body.email must match format "email"',
  problem: {
    type: 't',
    title: 'validation failed',
    status: 400,
    code: 'validation_failed' as const,
    detail: 'x',
    errors,
  },
});

describe('problemToFormErrors', () => {
  it('puts each validation problem under its field, in words a person understands', () => {
    const result = problemToFormErrors(
      validation([
        { field: 'body.email', message: 'must match format "email"' },
        { field: 'body.password', message: 'must NOT have fewer than 8 characters' },
      ]),
      ['email', 'password', 'displayName'],
    );
    expect(result).toEqual({
      fields: {
        email: 'Enter an email address like name@example.com.',
        password: 'Use at least 8 characters.',
      },
      form: null,
    });
  });

  it('never drops a problem about a field the form does not show', () => {
    const result = problemToFormErrors(validation([{ field: 'body.replyTo', message: 'must be a uuid' }]), [
      'body',
    ]);
    expect(result.form).toBe('Must be a uuid.');
  });

  it('explains a code without fields as a form message', () => {
    const result = problemToFormErrors(
      { code: 'invalid_credentials', message: 'Invalid email or password', problem: null },
      ['email', 'password'],
    );
    expect(result).toEqual({ fields: {}, form: 'That email and password don’t match an account.' });
  });

  it('says how long to wait when rate limited', () => {
    const problem = {
      ...validation([]).problem,
      code: 'rate_limited' as const,
      retryAfterSeconds: 12,
      errors: [],
    };
    expect(problemToFormErrors({ code: 'rate_limited', message: 'x', problem }, []).form).toBe(
      'Too many attempts. Try again in 12 seconds.',
    );
  });

  it('treats anything that is not a refusal as the network being down', () => {
    expect(toFormErrors(new TypeError('Failed to fetch'), []).form).toMatch(/Can’t reach LiveChat/);
  });
});

describe('friendlyFieldMessage', () => {
  it('names a blank field', () => {
    expect(friendlyFieldMessage('displayName', 'must match pattern "\\S"')).toBe('The name can’t be blank.');
  });
});
