import type { LinkProps } from '@tanstack/react-router';

/** The screens the API's mails link to, with the words a link to each shows. */
export const MAIL_LINK_LABELS = {
  '/verify-email': 'Verify my email',
  '/reset-password': 'Choose a new password',
  '/forgot-password': 'Reset my password',
  '/login': 'Sign in',
} as const satisfies Partial<Record<NonNullable<LinkProps['to']>, string>>;

export type MailScreen = keyof typeof MAIL_LINK_LABELS;

/** A piece of a mail's text: plain words, a link to one of the app's screens, or a link elsewhere. */
export type MailPart =
  { text: string } | { to: MailScreen; search: Record<string, string> } | { href: string };

const URL_PATTERN = /https?:\/\/[^\s<>"')]+/g;

/**
 * Splits a mail's text around its links. A link to one of the app's screens (verify, reset) is opened in
 * the app itself, whatever host the server wrote into it: the mailbox is for the person at this screen.
 */
export function splitMailText(text: string): MailPart[] {
  const parts: MailPart[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const start = match.index;
    if (start > last) parts.push({ text: text.slice(last, start) });
    parts.push(toLink(match[0]));
    last = start + match[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}

const isMailScreen = (path: string): path is MailScreen => Object.hasOwn(MAIL_LINK_LABELS, path);

function toLink(raw: string): MailPart {
  const url = new URL(raw);
  const path = url.pathname.replace(/(.)\/+$/, '$1');
  return isMailScreen(path) ? { to: path, search: Object.fromEntries(url.searchParams) } : { href: raw };
}
