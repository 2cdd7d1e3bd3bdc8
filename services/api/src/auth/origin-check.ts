import type { FastifyRequest } from 'fastify';
import { ApiError } from '../errors.js';

/** `https://Chat.Example.com/` → `https://chat.example.com`; null for anything that is not an http(s) origin. */
function serializedOrigin(value: string): string | null {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
  } catch {
    return null;
  }
}

/**
 * Whether a request's Origin header is one of `allowed`. Browsers send the serialized origin
 * (`scheme://host[:port]`, lower case, no path), so the header must equal an allowed origin exactly —
 * no prefix or suffix matching (`https://chat.example.com.evil.net`), and a missing header or the
 * opaque `null` origin never passes.
 */
export function originChecker(allowed: readonly string[]): (origin: string | undefined) => boolean {
  const origins = new Set(allowed.map(serializedOrigin).filter((origin) => origin !== null));
  return (origin) => origin !== undefined && origins.has(origin);
}

/**
 * Refresh and logout act on a cookie the browser attaches by itself, so they must come from our own
 * pages: SameSite=Strict already keeps other sites' requests from carrying it, and this check is the
 * second lock (older browsers, a sibling subdomain).
 */
export function requireAllowedOrigin(request: FastifyRequest, isAllowed: (origin?: string) => boolean): void {
  const origin = request.headers.origin;
  if (!isAllowed(origin)) {
    throw new ApiError(
      'origin_not_allowed',
      origin
        ? `Requests from ${origin} may not use the session cookie`
        : 'This request needs an Origin header from the LiveChat app',
    );
  }
}
