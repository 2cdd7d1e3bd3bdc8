import { describe, expect, it } from 'vitest';
import { safeHref } from './safe-href';

describe('safeHref', () => {
  it('links http, https and mailto, in their parsed form', () => {
    expect(safeHref('https://example.com/a?b=c#d')).toBe('https://example.com/a?b=c#d');
    expect(safeHref('HTTP://Example.COM')).toBe('http://example.com/');
    expect(safeHref('mailto:alice@example.com')).toBe('mailto:alice@example.com');
    expect(safeHref('https://example.com/"onmouseover=x')).toBe('https://example.com/%22onmouseover=x');
  });

  it('links nothing else, however the scheme is spelled', () => {
    for (const raw of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'java\tscript:alert(1)',
      'java\nscript:alert(1)',
      ' javascript:alert(1)',
      'javascript&colon;alert(1)',
      'vbscript:msgbox(1)',
      'data:text/html,<script>alert(1)</script>',
      'file:///etc/passwd',
      '//evil.example/x',
      '/relative/path',
      'http://',
      'https:',
      'mailto:',
      '',
    ]) {
      expect(safeHref(raw), JSON.stringify(raw)).toBeNull();
    }
  });
});
