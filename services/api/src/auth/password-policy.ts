import { normalizeName } from '@livechat/protocol';
import { dictionary } from '@zxcvbn-ts/language-common';
import { ApiError } from '../errors.js';
import { normalizeEmail } from '../users/normalize-email.js';

/**
 * What a new password must not be, beyond the protocol's length (ASVS 6.2.4, 6.1.2/6.2.11), checked at
 * register, reset and change — never at login, where an old password still works:
 * - one of the most common passwords: the 49,233 of zxcvbn-ts's `passwords-common` list
 *   (@zxcvbn-ts/language-common, bundled, frequency-ordered, lower case; well past the top 10,000
 *   ASVS asks for), compared case-insensitively, so "Password1" is as refused as "password1";
 * - a password containing a word an attacker would try first on this account: the local part of its
 *   email address, its display name (as typed and with its spaces removed), or "livechat" — each
 *   case-insensitively, and only words of 3 characters or more (a name "Al" must not rule out "always").
 */
const CONTEXT_WORD_MIN_LENGTH = 3;
const SERVICE_WORDS = ['livechat'];

let commonPasswords: ReadonlySet<string> | undefined;
/** Built on first use, once per process (~25 ms, ~3 MB), so a process that never sets a password never pays. */
const commonPasswordSet = () => (commonPasswords ??= new Set(dictionary['passwords-common']));

export interface PasswordOwner {
  email: string;
  displayName: string;
}

/** The words of `owner` a password must not contain, lower-cased. */
function contextWords(owner: PasswordOwner): string[] {
  const name = normalizeName(owner.displayName).toLowerCase();
  const words = [
    normalizeEmail(owner.email).split('@')[0] ?? '',
    name,
    name.replace(/\s+/g, ''),
    ...SERVICE_WORDS,
  ];
  return words.filter((word) => word.length >= CONTEXT_WORD_MIN_LENGTH);
}

/** Why `password` may not be `owner`'s new password, as a sentence for the person, or null when it may. */
export function weakPasswordReason(password: string, owner: PasswordOwner): string | null {
  const folded = password.toLowerCase();
  if (commonPasswordSet().has(folded)) {
    return 'This is one of the most common passwords, the first an attacker tries; choose another.';
  }
  if (contextWords(owner).some((word) => folded.includes(word))) {
    return 'A password must not contain your name, your email address or "livechat"; choose another.';
  }
  return null;
}

/**
 * Refuses a weak new password with 400 `validation_failed`, naming the field as the protocol's validation
 * does (`body.password`, `body.newPassword`), so clients show the reason under it.
 */
export function requireStrongPassword(password: string, field: string, owner: PasswordOwner): void {
  const reason = weakPasswordReason(password, owner);
  if (reason) {
    throw new ApiError('validation_failed', `${field}: ${reason}`, { errors: [{ field, message: reason }] });
  }
}
