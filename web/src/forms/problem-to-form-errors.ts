import type { ErrorCode, Problem } from '@livechat/protocol';

/** What a form shows after a refused request: messages under the fields concerned, and one for the form. */
export interface FormErrors {
  fields: Record<string, string>;
  form: string | null;
}

/** The shape of `ApiRequestError` this module needs; kept structural so it is testable without a server. */
export interface RefusedRequest {
  code: ErrorCode;
  message: string;
  problem: Problem | null;
}

const CODE_MESSAGES: Partial<Record<ErrorCode, string>> = {
  invalid_credentials: 'That email and password don’t match an account.',
  email_not_verified: 'Verify your email address first — check your inbox for the link.',
  invalid_token: 'This link has expired or was already used. Ask for a new one.',
  unauthenticated: 'Your session has ended. Log in again.',
  token_expired: 'Your session has ended. Log in again.',
  forbidden: 'You are not allowed to do that.',
  not_found: 'That no longer exists.',
  conflict: 'That conflicts with something that changed meanwhile. Try again.',
  unavailable: 'The server can’t be reached right now. Try again in a moment.',
  internal: 'Something went wrong on our side. Try again.',
  payload_too_large: 'That is too long to send.',
};

/** Turns a validator's sentence into one a person can act on, using the field's name for context. */
export function friendlyFieldMessage(field: string, raw: string): string {
  const label = field === 'displayName' ? 'name' : field.replace(/([A-Z])/g, ' $1').toLowerCase();
  const fewer = /fewer than (\d+) characters/.exec(raw);
  if (fewer) return `Use at least ${fewer[1]} characters.`;
  const more = /more than (\d+) characters/.exec(raw);
  if (more) return `Use at most ${more[1]} characters.`;
  if (/format "?email"?/.test(raw)) return 'Enter an email address like name@example.com.';
  if (/pattern/.test(raw)) return `The ${label} can’t be blank.`;
  if (/required/.test(raw)) return `Enter your ${label}.`;
  return raw.charAt(0).toUpperCase() + raw.slice(1) + (raw.endsWith('.') ? '' : '.');
}

/**
 * Spreads a refused request over a form: validation problems go under their field (the API names them
 * `body.email`; the form knows them as `email`), everything else becomes one message for the form.
 * Fields the form does not show fall back to the form message, so no error is ever silently dropped.
 */
export function problemToFormErrors(error: RefusedRequest, formFields: readonly string[]): FormErrors {
  const fields: Record<string, string> = {};
  const leftovers: string[] = [];
  for (const issue of error.problem?.errors ?? []) {
    const field = issue.field.split('.').pop() ?? issue.field;
    const message = friendlyFieldMessage(field, issue.message);
    if (formFields.includes(field) && !fields[field]) fields[field] = message;
    else if (!formFields.includes(field)) leftovers.push(message);
  }
  if (Object.keys(fields).length > 0 && leftovers.length === 0) return { fields, form: null };
  if (leftovers.length > 0) return { fields, form: leftovers.join(' ') };
  if (error.code === 'rate_limited') {
    const seconds = error.problem?.retryAfterSeconds;
    return {
      fields,
      form: `Too many attempts. Try again${seconds ? ` in ${seconds} seconds` : ' shortly'}.`,
    };
  }
  return { fields, form: CODE_MESSAGES[error.code] ?? error.message };
}

/** Any thrown value as form errors: request refusals by code, a failed fetch as "can't reach the server". */
export function toFormErrors(error: unknown, formFields: readonly string[]): FormErrors {
  if (error && typeof error === 'object' && 'code' in error && 'problem' in error) {
    return problemToFormErrors(error as RefusedRequest, formFields);
  }
  return { fields: {}, form: 'Can’t reach LiveChat. Check your connection and try again.' };
}
