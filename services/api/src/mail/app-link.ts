/**
 * A link into the web app, built from PUBLIC_URL (which may carry a path, e.g. `https://example.com/chat`),
 * with its query parameters encoded.
 */
export function appLink(publicUrl: string, page: string, query: Record<string, string> = {}): string {
  const search = new URLSearchParams(query).toString();
  return `${publicUrl.replace(/\/+$/, '')}/${page}${search ? `?${search}` : ''}`;
}
