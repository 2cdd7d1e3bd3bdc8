import { MAX_NESTING, type Block } from './markdown-tree';
import { parseInline } from './parse-inline';

const FENCE_OPEN = /^ {0,3}```[\w+#.-]*\s*$/;
const FENCE_CLOSE = /^ {0,3}```\s*$/;
const QUOTE = /^ {0,3}> ?/;
const BULLET = /^ {0,3}[-*+] +(?=\S)/;
const NUMBERED = /^ {0,3}(\d{1,9})[.)] +(?=\S)/;

/**
 * Parses a message body into blocks, line by line as chat apps do (no blank line needed before a list or
 * a quote): ```` ``` ```` fenced code (shown as typed; a fence never closed is plain text, as in Discord),
 * `>` quotes (which hold blocks of their own), `-`/`*`/`+` and `1.` lists (one item per line) and
 * paragraphs, which blank lines separate and whose single newlines are line breaks.
 */
export function parseMarkdown(source: string): Block[] {
  return parseLines(source.replace(/\r\n?/g, '\n').split('\n'), 0);
}

function parseLines(lines: readonly string[], depth: number): Block[] {
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  const endParagraph = () => {
    if (paragraph.length) blocks.push({ kind: 'paragraph', children: parseInline(paragraph.join('\n')) });
    paragraph = [];
  };
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    const fenceEnd = FENCE_OPEN.test(line) ? findFrom(lines, i + 1, (l) => FENCE_CLOSE.test(l)) : -1;
    if (fenceEnd !== -1) {
      endParagraph();
      blocks.push({ kind: 'code-block', text: lines.slice(i + 1, fenceEnd).join('\n') });
      i = fenceEnd + 1;
    } else if (depth < MAX_NESTING && QUOTE.test(line)) {
      endParagraph();
      const end = runEnd(lines, i, (l) => QUOTE.test(l));
      const inner = lines.slice(i, end).map((l) => l.replace(QUOTE, ''));
      blocks.push({ kind: 'quote', children: parseLines(inner, depth + 1) });
      i = end;
    } else if (BULLET.test(line) || NUMBERED.test(line)) {
      endParagraph();
      const marker = BULLET.test(line) ? BULLET : NUMBERED;
      const end = runEnd(lines, i, (l) => marker.test(l));
      const items = lines.slice(i, end).map((l) => parseInline(l.replace(marker, '')));
      const start = marker === NUMBERED ? Number(NUMBERED.exec(line)![1]) : 1;
      blocks.push({ kind: 'list', ordered: marker === NUMBERED, start, items });
      i = end;
    } else if (line.trim() === '') {
      endParagraph();
      i += 1;
    } else {
      paragraph.push(line);
      i += 1;
    }
  }
  endParagraph();
  return blocks;
}

/** The index of the first line from `from` that passes, or -1. */
function findFrom(lines: readonly string[], from: number, test: (line: string) => boolean): number {
  for (let i = from; i < lines.length; i += 1) if (test(lines[i]!)) return i;
  return -1;
}

/** The index just after the run of lines from `from` that pass. */
function runEnd(lines: readonly string[], from: number, test: (line: string) => boolean): number {
  let i = from;
  while (i < lines.length && test(lines[i]!)) i += 1;
  return i;
}
