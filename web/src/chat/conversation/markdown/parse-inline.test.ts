import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_NESTING, type Inline } from './markdown-tree';
import { parseInline } from './parse-inline';

const text = (value: string): Inline => ({ kind: 'text', text: value });

describe('parseInline', () => {
  it('reads strong, em, strike and code', () => {
    expect(parseInline('a **b** *c* _d_ ~~e~~ `f`')).toEqual([
      text('a '),
      { kind: 'strong', children: [text('b')] },
      text(' '),
      { kind: 'em', children: [text('c')] },
      text(' '),
      { kind: 'em', children: [text('d')] },
      text(' '),
      { kind: 'strike', children: [text('e')] },
      text(' '),
      { kind: 'code', text: 'f' },
    ]);
  });

  it('nests emphasis, and reads ***x*** as strong em', () => {
    expect(parseInline('***x***')).toEqual([
      { kind: 'strong', children: [{ kind: 'em', children: [text('x')] }] },
    ]);
    expect(parseInline('*a **b** c*')).toEqual([
      { kind: 'em', children: [text('a '), { kind: 'strong', children: [text('b')] }, text(' c')] },
    ]);
  });

  it('leaves what does not close, or sits in a word, as typed', () => {
    for (const literal of ['2 * 3 * 4', 'snake_case_name', '**open', 'a ** b **', '`open', '~~ a ~~', '*']) {
      expect(parseInline(literal), literal).toEqual([text(literal)]);
    }
  });

  it('keeps code spans verbatim, with backticks inside longer fences', () => {
    expect(parseInline('`**not bold** <b>`')).toEqual([{ kind: 'code', text: '**not bold** <b>' }]);
    expect(parseInline('`` a ` b ``')).toEqual([{ kind: 'code', text: 'a ` b' }]);
  });

  it('links bare URLs without the sentence’s punctuation', () => {
    expect(parseInline('see https://example.com/a_(b), or (mailto:bob@example.com).')).toEqual([
      text('see '),
      {
        kind: 'link',
        href: 'https://example.com/a_(b)',
        children: [text('https://example.com/a_(b)')],
      },
      text(', or ('),
      { kind: 'link', href: 'mailto:bob@example.com', children: [text('mailto:bob@example.com')] },
      text(').'),
    ]);
    // Not in the middle of a word, and not a scheme we link.
    expect(parseInline('xhttps://example.com')).toEqual([text('xhttps://example.com')]);
    expect(parseInline('javascript:alert(1)')).toEqual([text('javascript:alert(1)')]);
  });

  it('links a label to a safe URL, and shows an unsafe one as typed', () => {
    expect(parseInline('[**the docs**](https://example.com/docs)')).toEqual([
      {
        kind: 'link',
        href: 'https://example.com/docs',
        children: [{ kind: 'strong', children: [text('the docs')] }],
      },
    ]);
    for (const typed of ['[x](javascript:alert(1))', '[x](data:text/html,hi)', '[x](vbscript:msgbox(1))']) {
      expect(plain(parseInline(typed)), typed).toBe(typed);
      expect(links(parseInline(typed)), typed).toEqual([]);
    }
    // A label whose URL has a space is no labelled link; the URL in it is still linked on its own.
    expect(links(parseInline('[x](https://a.example b)'))).toEqual(['https://a.example/']);
  });

  it('turns a backslash before a markup character into that character, and newlines into breaks', () => {
    expect(parseInline('\\*not em\\* a\\b\nnext')).toEqual([
      text('*not em* a\\b'),
      { kind: 'break' },
      text('next'),
    ]);
  });

  it('stops nesting at MAX_NESTING levels', () => {
    const deep = '*'.repeat(20) + 'x' + '*'.repeat(20);
    expect(depth(parseInline(deep))).toBeLessThanOrEqual(MAX_NESTING);
  });

  it('keeps every character but markup, links only safe URLs and never throws (property)', () => {
    const alphabet = fc.constantFrom(...'ab *_~`[]()\\\n:/.'.split(''), 'https://x.test', 'javascript:');
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 60 }).map((parts) => parts.join('')),
        (source) => {
          const nodes = parseInline(source);
          for (const href of links(nodes)) expect(href).toMatch(/^(https?:\/\/|mailto:)/);
          // Only markup (and escaping backslashes) is dropped: the letters of the message all stay, in order
          // (but a labelled link's URL, which is not shown).
          if (!source.includes(']('))
            expect(plain(nodes).replace(/[^ab]/g, '')).toBe(source.replace(/[^ab]/g, ''));
        },
      ),
    );
  });

  it('parses 4,000 unmatched delimiters quickly enough not to freeze a tab', () => {
    // Not a timing assertion: finishing at all (the test's timeout) shows it is not quadratic per level.
    for (const mark of ['*', '_', '~~', '`', '[', '\\*']) {
      expect(plain(parseInline(mark.repeat(4000 / mark.length))).length).toBeGreaterThan(0);
    }
    expect(parseInline('**a'.repeat(1333)).length).toBeGreaterThan(100);
  });
});

function plain(nodes: readonly Inline[]): string {
  return nodes
    .map((node) =>
      node.kind === 'text' || node.kind === 'code'
        ? node.text
        : node.kind === 'break'
          ? '\n'
          : plain(node.children),
    )
    .join('');
}

function links(nodes: readonly Inline[]): string[] {
  return nodes.flatMap((node) =>
    node.kind === 'link'
      ? [node.href, ...links(node.children)]
      : 'children' in node
        ? links(node.children)
        : [],
  );
}

function depth(nodes: readonly Inline[]): number {
  return Math.max(0, ...nodes.map((node) => ('children' in node ? 1 + depth(node.children) : 0)));
}
