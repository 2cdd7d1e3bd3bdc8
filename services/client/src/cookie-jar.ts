/**
 * A minimal cookie jar for clients outside a browser (tests, load tests, scripts), where nothing keeps
 * the HttpOnly refresh cookie between requests. Browsers keep cookies themselves (`credentials:
 * 'include'`) and need none of this. One server per jar: cookies are matched by path, not by domain.
 */
export interface CookieJar {
  /** A `fetch` that sends the jar's cookies and stores the cookies the server sets. */
  fetch: typeof fetch;
  /** The value of a cookie held, e.g. to assert on in a test. */
  get(name: string): string | undefined;
}

interface StoredCookie {
  value: string;
  path: string;
}

export function createCookieJar(baseFetch: typeof fetch = globalThis.fetch.bind(globalThis)): CookieJar {
  const cookies = new Map<string, StoredCookie>();

  const jarFetch: typeof fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : input.toString());
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    const matching = [...cookies].filter(([, cookie]) => pathMatches(url.pathname, cookie.path));
    if (matching.length)
      headers.set('cookie', matching.map(([name, { value }]) => `${name}=${value}`).join('; '));
    const response = await baseFetch(input, { ...init, headers });
    for (const line of response.headers.getSetCookie()) store(cookies, line);
    return response;
  };

  return { fetch: jarFetch, get: (name) => cookies.get(name)?.value };
}

/** RFC 6265 path-match: the cookie path is a prefix of the request path, at a `/` boundary. */
function pathMatches(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath || cookiePath === '/') return true;
  return requestPath.startsWith(cookiePath.endsWith('/') ? cookiePath : `${cookiePath}/`);
}

/** Applies one Set-Cookie line: stores the cookie, or removes it when it is already expired. */
function store(cookies: Map<string, StoredCookie>, line: string): void {
  const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
  const separator = pair.indexOf('=');
  if (separator <= 0) return;
  const name = pair.slice(0, separator);
  let path = '/';
  let expired = false;
  for (const attribute of attributes) {
    const [key = '', value = ''] = attribute.split('=', 2);
    const lower = key.toLowerCase();
    if (lower === 'path' && value.startsWith('/')) path = value;
    if (lower === 'max-age' && Number(value) <= 0) expired = true;
    if (lower === 'expires' && Date.parse(value) <= Date.now()) expired = true;
  }
  if (expired) cookies.delete(name);
  else cookies.set(name, { value: pair.slice(separator + 1), path });
}
