/** Escapes text for HTML element content and double-quoted attributes. */
export const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!,
  );

export interface MailContent {
  subject: string;
  /** Plain sentences; escaped for the HTML part. */
  paragraphs: string[];
  /** The one thing to click, shown as a button and as the bare link (for clients that show no HTML). */
  action?: { label: string; url: string };
  /** A last line in small print, e.g. "If this wasn't you, ignore this mail." */
  footer?: string;
}

export interface ComposedMail {
  subject: string;
  text: string;
  html: string;
}

/** One short, friendly mail in plain text and HTML from the same words. */
export function composeMail(content: MailContent): ComposedMail {
  const { action, footer } = content;
  const text = [
    ...content.paragraphs,
    ...(action ? [`${action.label}: ${action.url}`] : []),
    ...(footer ? [footer] : []),
    '— LiveChat',
  ].join('\n\n');

  const paragraph = (body: string, style = '') => `<p style="margin:0 0 16px;${style}">${body}</p>`;
  const html = [
    '<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1f2328">',
    ...content.paragraphs.map((line) => paragraph(escapeHtml(line))),
    ...(action
      ? [
          paragraph(
            `<a href="${escapeHtml(action.url)}" style="display:inline-block;padding:10px 18px;border-radius:6px;background:#2563eb;color:#fff;text-decoration:none">${escapeHtml(action.label)}</a>`,
          ),
          paragraph(`Or open this link: ${escapeHtml(action.url)}`, 'font-size:13px;color:#57606a'),
        ]
      : []),
    ...(footer ? [paragraph(escapeHtml(footer), 'font-size:13px;color:#57606a')] : []),
    paragraph('— LiveChat'),
    '</body></html>',
  ].join('\n');

  return { subject: content.subject, text, html };
}
