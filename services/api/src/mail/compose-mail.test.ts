import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { composeMail, escapeHtml } from './compose-mail.js';
import { lifetimeInWords } from './auth-mails.js';

describe('composeMail', () => {
  it('puts the same words in the text and the HTML part, with the action link in both', () => {
    const mail = composeMail({
      subject: 'Hello',
      paragraphs: ['First line.', 'Second & last.'],
      actions: [{ label: 'Go', url: 'https://chat.example/x?token=abc&y=1' }],
      footer: 'Small print.',
    });
    expect(mail.text).toBe(
      'First line.\n\nSecond & last.\n\nGo: https://chat.example/x?token=abc&y=1\n\nSmall print.\n\n— LiveChat',
    );
    expect(mail.html).toContain('Second &amp; last.');
    expect(mail.html).toContain('href="https://chat.example/x?token=abc&amp;y=1"');
  });

  it('lets no markup through from what people type (property)', () => {
    fc.assert(
      fc.property(fc.string(), (name) => {
        const { html } = composeMail({ subject: 's', paragraphs: [`Hi ${name},`] });
        const paragraph = /<p style="[^"]*">Hi (.*),<\/p>/s.exec(html)?.[1];
        expect(paragraph).toBe(escapeHtml(name));
        expect(paragraph).not.toMatch(/[<>"']/);
        // Unescaping gives back exactly what was typed.
        const unescaped = paragraph!
          .replaceAll('&lt;', '<')
          .replaceAll('&gt;', '>')
          .replaceAll('&quot;', '"')
          .replaceAll('&#39;', "'")
          .replaceAll('&amp;', '&');
        expect(unescaped).toBe(name);
      }),
    );
  });

  it('says how long a link lives in words', () => {
    expect(lifetimeInWords(60)).toBe('1 minute');
    expect(lifetimeInWords(3600)).toBe('60 minutes');
    expect(lifetimeInWords(86400)).toBe('24 hours');
  });
});
