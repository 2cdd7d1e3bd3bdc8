import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * What a page of ours may do: load scripts, styles and images only from this origin and talk only to it
 * (`'self'` covers same-origin `ws:`/`wss:` since CSP Level 3: Chrome 71, Firefox, Safari 16); nobody may
 * frame it. Vite emits external scripts and stylesheets and Swagger UI needs no inline code either, so no
 * inline allowance. Sent on every response, not only on HTML: a JSON answer opened as a page is held to it too.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "style-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The header policy of every LiveChat response, in standalone and in the cluster. The services send it
 * themselves (`securityHeaders`); nginx.conf repeats the same values for what nginx answers on its own
 * (static files, its error pages), and infra/test/compose.test.ts checks the two agree.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

/**
 * HSTS for a deployment served over https (ASVS 3.4.1): browsers then refuse plain http to this host, and
 * its subdomains, for a year (level 2 asks for both). Not sent over http — a laptop's
 * `http://localhost` must stay reachable — and never `preload`, which only an operator can commit to.
 * nginx.conf carries the same line, commented, for operators who terminate TLS there.
 */
export const STRICT_TRANSPORT_SECURITY = 'max-age=31536000; includeSubDomains';

export interface SecurityHeadersOptions {
  /** The app is served over https (its PUBLIC_URL): add Strict-Transport-Security. */
  https?: boolean;
}

/**
 * Responses that do not say how to cache them are not cached anywhere: API answers carry tokens and
 * private data. Static files set their own `Cache-Control` and keep it.
 */
export const DEFAULT_CACHE_CONTROL = 'no-store';

/** Applies the policy above to every response of the server, whichever plugin answered (404s and errors too). */
export const securityHeaders = fp<SecurityHeadersOptions>(
  async (app: FastifyInstance, options) => {
    const policy = options.https
      ? { ...SECURITY_HEADERS, 'strict-transport-security': STRICT_TRANSPORT_SECURITY }
      : SECURITY_HEADERS;
    app.addHook('onSend', async (_request, reply, payload) => {
      reply.headers(policy);
      if (!reply.hasHeader('cache-control')) reply.header('cache-control', DEFAULT_CACHE_CONTROL);
      return payload;
    });
  },
  { name: 'security-headers' },
);
