import { matchRoute } from '../routing/routes';

/** A piece of a mail's text: plain words, or a link (in-app when it points at one of the app's own screens). */
export type MailPart = { text: string } | { href: string; inApp: boolean };

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

function toLink(raw: string): MailPart {
  const url = new URL(raw);
  const inApp = matchRoute(url.pathname, url.search).name !== 'notFound';
  return inApp ? { href: url.pathname + url.search, inApp } : { href: raw, inApp };
}
