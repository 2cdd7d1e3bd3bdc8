import { appLink } from './app-link.js';
import { composeMail, type ComposedMail } from './compose-mail.js';

// The mails of the account flows. Each carries at most one secret link and says what to do if the
// reader did not ask for it.

/** "60 minutes", "2 hours": how long a link works, in words. */
export function lifetimeInWords(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  if (minutes < 120) return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  const hours = Math.round(minutes / 60);
  return `${hours} hours`;
}

/** What a mail carrying a single-use link needs: where the app is, whom it greets, the token and its lifetime. */
export interface TokenLinkMailInput {
  publicUrl: string;
  displayName: string;
  token: string;
  ttlSeconds: number;
}

export function verificationMail(input: TokenLinkMailInput): ComposedMail {
  return composeMail({
    subject: 'Confirm your email address for LiveChat',
    paragraphs: [
      `Hi ${input.displayName},`,
      `Welcome to LiveChat! Please confirm that this is your email address. The link works for ${lifetimeInWords(input.ttlSeconds)}.`,
    ],
    actions: [
      { label: 'Confirm my address', url: appLink(input.publicUrl, 'verify-email', { token: input.token }) },
    ],
    footer: "If you didn't create a LiveChat account, ignore this mail and nothing will happen.",
  });
}

/**
 * Sent instead of a verification mail when someone registers with an address that has an account: the
 * register page said "check your mail" either way (it reveals nothing), so this mail says what happened
 * and offers the two ways on. It carries no token: resetting starts from the forgot-password page.
 */
export function accountExistsMail(input: { publicUrl: string }): ComposedMail {
  return composeMail({
    subject: 'You already have a LiveChat account',
    paragraphs: [
      'Someone — maybe you — tried to register with this address, which already has an account. No new account was created and nothing was changed.',
      'If it was you, sign in with your password. If you forgot it, reset it.',
    ],
    actions: [
      { label: 'Sign in', url: appLink(input.publicUrl, 'login') },
      { label: 'Reset my password', url: appLink(input.publicUrl, 'forgot-password') },
    ],
    footer: "If it wasn't you, you can ignore this mail: your account is safe.",
  });
}

export function passwordResetMail(input: TokenLinkMailInput): ComposedMail {
  return composeMail({
    subject: 'Reset your LiveChat password',
    paragraphs: [
      `Hi ${input.displayName},`,
      `Someone asked to reset the password of your LiveChat account. The link works once, for ${lifetimeInWords(input.ttlSeconds)}; using it signs you out everywhere.`,
    ],
    actions: [
      {
        label: 'Choose a new password',
        url: appLink(input.publicUrl, 'reset-password', { token: input.token }),
      },
    ],
    footer: "If you didn't ask for this, ignore this mail: your password stays as it is.",
  });
}

export function passwordChangedMail(input: { publicUrl: string; displayName: string }): ComposedMail {
  return composeMail({
    subject: 'Your LiveChat password was changed',
    paragraphs: [
      `Hi ${input.displayName},`,
      'The password of your LiveChat account was just changed, and your other sessions were signed out.',
    ],
    actions: [{ label: 'Reset my password', url: appLink(input.publicUrl, 'forgot-password') }],
    footer: "If this wasn't you, reset your password now to lock the other person out.",
  });
}
