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
    action: {
      label: 'Confirm my address',
      url: appLink(input.publicUrl, 'verify-email', { token: input.token }),
    },
    footer: "If you didn't create a LiveChat account, ignore this mail and nothing will happen.",
  });
}

/** Sent instead of a verification mail when someone registers with an address that has an account. */
export function accountExistsMail(input: { publicUrl: string }): ComposedMail {
  return composeMail({
    subject: 'Someone tried to register with your address on LiveChat',
    paragraphs: [
      'Someone (maybe you) just tried to create a LiveChat account with this email address, but you already have one. Nothing was changed.',
      'If it was you, sign in instead. Forgot your password? You can reset it from the sign-in page.',
    ],
    action: { label: 'Sign in', url: appLink(input.publicUrl, 'login') },
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
    action: {
      label: 'Choose a new password',
      url: appLink(input.publicUrl, 'reset-password', { token: input.token }),
    },
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
    action: { label: 'Reset my password', url: appLink(input.publicUrl, 'forgot-password') },
    footer: "If this wasn't you, reset your password now to lock the other person out.",
  });
}
