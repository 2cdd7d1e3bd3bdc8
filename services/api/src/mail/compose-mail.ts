/** Escapes text for HTML element content and double-quoted attributes. */
export const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!,
  );

export interface MailAction {
  label: string;
  url: string;
}

export interface MailContent {
  subject: string;
  /** Plain sentences; escaped for the HTML part. */
  paragraphs: string[];
  /**
   * What to click, each with its label in the text part too (`Sign in: https://…`), so a reader knows where
   * a link leads before opening it. The first is the main one, shown as a button; the others as links.
   */
  actions?: MailAction[];
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
  const { footer } = content;
  const [main, ...others] = content.actions ?? [];
  const text = [
    ...content.paragraphs,
    ...(content.actions ?? []).map((action) => `${action.label}: ${action.url}`),
    ...(footer ? [footer] : []),
    '— LiveChat',
  ].join('\n\n');

  const paragraph = (body: string, style = '') => `<p style="margin:0 0 16px;${style}">${body}</p>`;
  const html = [
    '<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1f2328">',
    ...content.paragraphs.map((line) => paragraph(escapeHtml(line))),
    ...(main
      ? [
          paragraph(
            `<a href="${escapeHtml(main.url)}" style="display:inline-block;padding:10px 18px;border-radius:6px;background:#2563eb;color:#fff;text-decoration:none">${escapeHtml(main.label)}</a>`,
          ),
          paragraph(`Or open this link: ${escapeHtml(main.url)}`, 'font-size:13px;color:#57606a'),
        ]
      : []),
    ...others.map((action) =>
      paragraph(
        `${escapeHtml(action.label)}: <a href="${escapeHtml(action.url)}">${escapeHtml(action.url)}</a>`,
      ),
    ),
    ...(footer ? [paragraph(escapeHtml(footer), 'font-size:13px;color:#57606a')] : []),
    paragraph('— LiveChat'),
    '</body></html>',
  ].join('\n');

  return { subject: content.subject, text, html };
}
