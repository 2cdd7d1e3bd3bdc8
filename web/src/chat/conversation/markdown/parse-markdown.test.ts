import { describe, expect, it } from 'vitest';
import { MAX_NESTING, type Block } from './markdown-tree';
import { parseMarkdown } from './parse-markdown';

const paragraph = (text: string): Block => ({ kind: 'paragraph', children: [{ kind: 'text', text }] });

describe('parseMarkdown', () => {
  it('keeps a plain message one paragraph, its newlines line breaks', () => {
    expect(parseMarkdown('hello')).toEqual([paragraph('hello')]);
    expect(parseMarkdown('line one\nline two')).toEqual([
      {
        kind: 'paragraph',
        children: [{ kind: 'text', text: 'line one' }, { kind: 'break' }, { kind: 'text', text: 'line two' }],
      },
    ]);
    expect(parseMarkdown('one\n\n\ntwo')).toEqual([paragraph('one'), paragraph('two')]);
  });

  it('reads fenced code verbatim, and an unclosed fence as text', () => {
    expect(parseMarkdown('look:\n```ts\nconst a = **b**;\n  <b>\n```\nafter')).toEqual([
      paragraph('look:'),
      { kind: 'code-block', text: 'const a = **b**;\n  <b>' },
      paragraph('after'),
    ]);
    expect(parseMarkdown('```\nnever closed')).toEqual([
      {
        kind: 'paragraph',
        children: [{ kind: 'text', text: '```' }, { kind: 'break' }, { kind: 'text', text: 'never closed' }],
      },
    ]);
  });

  it('reads quotes, which hold blocks of their own', () => {
    expect(parseMarkdown('> quoted\n> - item\nreply')).toEqual([
      {
        kind: 'quote',
        children: [
          paragraph('quoted'),
          { kind: 'list', ordered: false, start: 1, items: [[{ kind: 'text', text: 'item' }]] },
        ],
      },
      paragraph('reply'),
    ]);
  });

  it('reads bulleted and numbered lists, one item per line, without a blank line before them', () => {
    expect(parseMarkdown('Shopping:\n- milk\n* **eggs**\n3. three\n4) four')).toEqual([
      paragraph('Shopping:'),
      {
        kind: 'list',
        ordered: false,
        start: 1,
        items: [
          [{ kind: 'text', text: 'milk' }],
          [{ kind: 'strong', children: [{ kind: 'text', text: 'eggs' }] }],
        ],
      },
      {
        kind: 'list',
        ordered: true,
        start: 3,
        items: [[{ kind: 'text', text: 'three' }], [{ kind: 'text', text: 'four' }]],
      },
    ]);
    // A marker needs a space and something after it.
    expect(parseMarkdown('-not a list\n*emphasis*')[0]?.kind).toBe('paragraph');
  });

  it('nests quotes MAX_NESTING deep at most; deeper markers are text', () => {
    let depth = 0;
    let blocks = parseMarkdown('>'.repeat(50) + ' deep');
    while (blocks[0]?.kind === 'quote') {
      depth += 1;
      blocks = blocks[0].children;
    }
    expect(depth).toBe(MAX_NESTING);
    expect(blocks[0]?.kind).toBe('paragraph');
  });
});
