const LINKED_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/**
 * The href a message may link to, or null. Only http, https and mailto are links; `javascript:`,
 * `data:`, `vbscript:`, relative paths and anything the URL parser refuses stay text. The check runs on
 * the parsed URL, after the parser has dropped tabs and newlines and lower-cased the scheme (so
 * `java\tscript:` and `JAVASCRIPT:` are caught), and the href returned is that parsed form: what the
 * browser follows is exactly what was checked.
 */
export function safeHref(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (!LINKED_PROTOCOLS.has(url.protocol)) return null;
  if (url.protocol !== 'mailto:' && url.hostname === '') return null;
  if (url.protocol === 'mailto:' && url.pathname === '') return null;
  return url.href;
}
