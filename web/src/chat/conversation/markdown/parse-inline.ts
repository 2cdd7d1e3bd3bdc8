import { MAX_NESTING, type Inline } from './markdown-tree';
import { safeHref } from './safe-href';

type Emphasis = 'strong' | 'em' | 'strike';
const DELIMITERS: readonly (readonly [string, Emphasis])[] = [
  ['**', 'strong'],
  ['__', 'strong'],
  ['~~', 'strike'],
  ['*', 'em'],
  ['_', 'em'],
];
/** Characters a backslash makes literal: the ones that would otherwise start formatting. */
const ESCAPABLE = new Set('\\`*_~[]()>#+-.!|'.split(''));
const URL_START = /(?:https?:\/\/|mailto:)/iy;
const URL_BODY = /[^\s<>]+/y;
/** Punctuation that ends a sentence rather than a URL ("see https://example.com."). */
const TRAILING_PUNCTUATION = /[.,:;!?'"*_~]+$/;
const WORD = /[\p{L}\p{N}_]/u;
const SPACE = /\s/;

/**
 * Parses one block's text into inline formatting: `**strong**`, `*em*` / `_em_`, `~~strike~~`,
 * `` `code` ``, `[label](https://…)` and bare http(s)/mailto URLs; `\*` is a literal asterisk and a newline
 * is a line break. Anything that does not form a complete, safe construct stays literal text, so
 * `[x](javascript:alert(1))` is shown as typed.
 *
 * Linear in practice: a delimiter that found no closer from some position is remembered, so a message of
 * thousands of unmatched `*` does not search the rest of the text for each of them.
 */
export function parseInline(text: string, depth = 0, inLink = false): Inline[] {
  const out: Inline[] = [];
  let literal = '';
  const flush = () => {
    if (literal) out.push({ kind: 'text', text: literal });
    literal = '';
  };
  const push = (node: Inline) => {
    flush();
    out.push(node);
  };
  const closers = new CloserSearch(text);
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\\' && ESCAPABLE.has(text[i + 1] ?? '')) {
      literal += text[i + 1];
      i += 2;
      continue;
    }
    if (c === '\n') {
      push({ kind: 'break' });
      i += 1;
      continue;
    }
    if (c === '`') {
      const run = runLength(text, i, '`');
      const close = closers.codeCloser(i + run, run);
      if (close === -1) {
        literal += text.slice(i, i + run);
      } else {
        push({ kind: 'code', text: trimCodeSpan(text.slice(i + run, close)) });
      }
      i = close === -1 ? i + run : close + run;
      continue;
    }
    if (!inLink && c === '[') {
      const link = labelledLink(text, i);
      if (link) {
        push({ kind: 'link', href: link.href, children: parseInline(link.label, depth + 1, true) });
        i = link.end;
        continue;
      }
    }
    if (!inLink && (c === 'h' || c === 'H' || c === 'm' || c === 'M') && !WORD.test(text[i - 1] ?? ' ')) {
      const url = bareUrl(text, i);
      if (url) {
        push({ kind: 'link', href: url.href, children: [{ kind: 'text', text: url.text }] });
        i += url.text.length;
        continue;
      }
    }
    const delimiter = DELIMITERS.find(([mark]) => text.startsWith(mark, i));
    if (delimiter) {
      const [mark, kind] = delimiter;
      const close =
        depth < MAX_NESTING && opens(text, i, mark) ? closers.emphasisCloser(i + mark.length, mark) : -1;
      if (close === -1) {
        literal += mark;
        i += mark.length;
      } else {
        push({ kind, children: parseInline(text.slice(i + mark.length, close), depth + 1, inLink) });
        i = close + mark.length;
      }
      continue;
    }
    literal += c;
    i += 1;
  }
  flush();
  return out;
}

/** Whether `mark` at `at` can open emphasis: text follows it, and `_` does not sit inside a word. */
function opens(text: string, at: number, mark: string): boolean {
  const next = text[at + mark.length];
  if (next === undefined || SPACE.test(next)) return false;
  return mark[0] !== '_' || !WORD.test(text[at - 1] ?? ' ');
}

/**
 * Finds closing delimiters, remembering for each one the earliest position from which none was found:
 * every later search for it would fail too, since it looks at a subset of the same candidates.
 */
class CloserSearch {
  private readonly none = new Map<string, number>();
  constructor(private readonly text: string) {}

  emphasisCloser(from: number, mark: string): number {
    return this.remembered(`e${mark}`, from, () => {
      const { text } = this;
      const char = mark[0]!;
      for (let j = text.indexOf(mark, from); j !== -1; j = text.indexOf(mark, j + 1)) {
        // A closer ends a run of the mark's character: `***x***` closes `**` after `*x*`, and a single `*`
        // never closes on half of a `**`.
        const end = j + runLength(text, j, char);
        const at = mark.length === 1 ? (end - j === 1 ? j : -1) : end - mark.length;
        if (at <= from || SPACE.test(text[at - 1]!)) {
          j = end - 1;
          continue;
        }
        if (char === '_' && WORD.test(text[at + mark.length] ?? ' ')) {
          j = end - 1;
          continue;
        }
        return at;
      }
      return -1;
    });
  }

  codeCloser(from: number, run: number): number {
    return this.remembered(`c${run}`, from, () => {
      const { text } = this;
      for (let j = text.indexOf('`', from); j !== -1; j = text.indexOf('`', j)) {
        const length = runLength(text, j, '`');
        if (length === run) return j;
        j += length;
      }
      return -1;
    });
  }

  private remembered(key: string, from: number, search: () => number): number {
    const none = this.none.get(key);
    if (none !== undefined && from >= none) return -1;
    const found = search();
    if (found === -1) this.none.set(key, Math.min(from, none ?? from));
    return found;
  }
}

function runLength(text: string, at: number, char: string): number {
  let end = at;
  while (text[end] === char) end += 1;
  return end - at;
}

/** `` ` a ` `` shows "a": one space each side is padding (so a span can start or end with a backtick). */
function trimCodeSpan(code: string): string {
  return code.length > 2 && code.startsWith(' ') && code.endsWith(' ') && code.trim() !== ''
    ? code.slice(1, -1)
    : code;
}

/** `[label](url)` at `at` with a safe url and a one-line label, or null (then the `[` is plain text). */
function labelledLink(text: string, at: number): { label: string; href: string; end: number } | null {
  const close = text.indexOf(']', at + 1);
  if (close <= at + 1 || text[close + 1] !== '(') return null;
  const label = text.slice(at + 1, close);
  if (label.includes('\n') || label.includes('[')) return null;
  // The URL may hold balanced parentheses (Wikipedia's), never whitespace.
  let depth = 0;
  for (let j = close + 2; j < text.length; j += 1) {
    const c = text[j]!;
    if (SPACE.test(c)) return null;
    if (c === '(') depth += 1;
    if (c === ')' && depth-- === 0) {
      const href = safeHref(text.slice(close + 2, j));
      return href ? { label, href, end: j + 1 } : null;
    }
  }
  return null;
}

/** A bare http(s) or mailto URL at `at`, without the sentence's punctuation after it. */
function bareUrl(text: string, at: number): { text: string; href: string } | null {
  URL_START.lastIndex = at;
  if (!URL_START.test(text)) return null;
  URL_BODY.lastIndex = at;
  let candidate = URL_BODY.exec(text)![0];
  candidate = candidate.replace(TRAILING_PUNCTUATION, '');
  // "(see https://example.com)": a closing parenthesis the URL did not open belongs to the sentence.
  while (candidate.endsWith(')') && count(candidate, '(') < count(candidate, ')')) {
    candidate = candidate.slice(0, -1).replace(TRAILING_PUNCTUATION, '');
  }
  const href = safeHref(candidate);
  return href ? { text: candidate, href } : null;
}

function count(text: string, char: string): number {
  let n = 0;
  for (const c of text) if (c === char) n += 1;
  return n;
}
