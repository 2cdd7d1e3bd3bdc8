import { Password } from '@livechat/protocol';

/** The protocol's password rule, read from its schema so the form and the API agree. */
export const PASSWORD_MIN_LENGTH = (Password as { minLength?: number }).minLength ?? 8;

const LABELS: Record<string, string> = {
  email: 'your email address',
  password: 'your password',
  currentPassword: 'your current password',
  newPassword: 'a new password',
  displayName: 'your name',
  name: 'a name',
};

/**
 * Checks a form before sending: every `required` field filled, and each of `newPasswords` long enough
 * (a login form takes any old password as it is). Messages match the ones the server's refusals turn into.
 */
export function checkRequired(
  data: Record<string, string>,
  required: readonly string[],
  newPasswords: readonly string[] = [],
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const field of required) {
    const value = data[field] ?? '';
    if (!value.trim()) errors[field] = `Enter ${LABELS[field] ?? field}.`;
    else if (newPasswords.includes(field) && value.length < PASSWORD_MIN_LENGTH) {
      errors[field] = `Use at least ${PASSWORD_MIN_LENGTH} characters.`;
    }
  }
  return errors;
}
