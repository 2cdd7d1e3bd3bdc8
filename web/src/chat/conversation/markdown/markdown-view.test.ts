import fc from 'fast-check';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import {
  LINKED_SCHEMES,
  RENDERED_ATTRIBUTES as ATTRIBUTES,
  RENDERED_ELEMENTS as ELEMENTS,
  XSS_CORPUS,
} from '../../../../test/fixtures/xss-corpus';
import { MarkdownView } from './markdown-view';

const render = (source: string) => renderToStaticMarkup(createElement(MarkdownView, { source }));

/** Every element and attribute of the markup, and every href, as the browser would parse them. */
function inventory(html: string) {
  const elements = [...html.matchAll(/<([a-zA-Z][\w-]*)/g)].map((m) => m[1]!.toLowerCase());
  const attributes = [...html.matchAll(/<[a-zA-Z][\w-]*((?:\s+[^\s=>]+="[^"]*")*)\s*\/?>/g)].flatMap((m) =>
    [...m[1]!.matchAll(/\s+([^\s=>]+)=/g)].map((a) => a[1]!.toLowerCase()),
  );
  const hrefs = [...html.matchAll(/\shref="([^"]*)"/g)].map((m) => m[1]!);
  return { elements, attributes, hrefs };
}

describe('MarkdownView', () => {
  it('renders the formatting as elements', () => {
    expect(render('**b** *i* ~~s~~ `c`')).toBe(
      '<p class="md-paragraph"><strong>b</strong> <em>i</em> <s>s</s> <code class="md-code">c</code></p>',
    );
    expect(render('```\nx < y\n```')).toBe('<pre class="md-code-block"><code>x &lt; y</code></pre>');
    expect(render('see https://example.com')).toBe(
      '<p class="md-paragraph">see <a href="https://example.com/" title="https://example.com/" target="_blank" rel="noopener noreferrer">https://example.com</a></p>',
    );
    expect(render('2. two\n3. three')).toBe('<ol class="md-list" start="2"><li>two</li><li>three</li></ol>');
  });

  it('puts the trailing mark inside the last paragraph, or after a last block of another kind', () => {
    const withMark = (source: string) =>
      renderToStaticMarkup(
        createElement(MarkdownView, { source, trailing: createElement('span', null, '(edited)') }),
      );
    expect(withMark('hello')).toBe('<p class="md-paragraph">hello<span>(edited)</span></p>');
    expect(withMark('- item')).toBe('<ul class="md-list"><li>item</li></ul><span>(edited)</span>');
  });

  it('never lets a payload of the XSS corpus become an element, an attribute or a link', () => {
    for (const payload of XSS_CORPUS) {
      const { elements, attributes, hrefs } = inventory(render(payload));
      for (const element of elements) expect(ELEMENTS, `${element} from ${payload}`).toContain(element);
      for (const attribute of attributes)
        expect(ATTRIBUTES, `${attribute} from ${payload}`).toContain(attribute);
      for (const href of hrefs) expect(href, payload).toMatch(LINKED_SCHEMES);
    }
  });

  it('renders only its own elements and safe links for any input (property)', () => {
    const piece = fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.constantFrom(
        '<script>',
        '<img src=x onerror=y>',
        '"',
        '&amp;',
        '**',
        '`',
        '\n',
        '> ',
        '- ',
        '```\n',
      ),
      fc.constantFrom('[a](', 'javascript:', 'https://x.test/', ')', '](data:x)', 'mailto:a@b.test'),
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 30 }).map((parts) => parts.join('')),
        (source) => {
          const { elements, attributes, hrefs } = inventory(render(source));
          for (const element of elements) expect(ELEMENTS).toContain(element);
          for (const attribute of attributes) expect(ATTRIBUTES).toContain(attribute);
          for (const href of hrefs) expect(href).toMatch(LINKED_SCHEMES);
        },
      ),
    );
  });
});
