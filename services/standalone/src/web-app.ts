import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

/**
 * The page may load scripts, styles and images only from this origin and talk only to it (HTTP and
 * WebSocket); nobody may frame it. Vite emits external scripts and stylesheets, so no inline allowance.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "connect-src 'self' ws: wss:",
  "img-src 'self' data:",
  "style-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const PLACEHOLDER = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>LiveChat</title></head>
<body><h1>LiveChat is running</h1>
<p>The web app has not been built yet. Run <code>npm start</code> from the repository root (it builds it),
or <code>npm run build -w @livechat/web</code>, then reload this page.</p>
<p>The API answers under <a href="/api/docs">/api</a>.</p></body></html>
`;

function securityHeaders(reply: FastifyReply): void {
  reply.header('x-content-type-options', 'nosniff');
  reply.header('referrer-policy', 'no-referrer');
  reply.header('x-frame-options', 'DENY');
  if (String(reply.getHeader('content-type') ?? '').startsWith('text/html'))
    reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
}

/**
 * Serves the built single-page app: its files as they are (hashed assets cached for good, index.html
 * revalidated), and index.html for any other GET outside /api, so client-side routes survive a reload.
 * Without a build, a page that says how to make one.
 */
export async function webApp(app: FastifyInstance, { webDir }: { webDir: string }): Promise<void> {
  app.addHook('onSend', async (_request, reply, payload) => {
    securityHeaders(reply);
    return payload;
  });
  const built = existsSync(join(webDir, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, {
      root: webDir,
      wildcard: false,
      dotfiles: 'ignore',
      cacheControl: false, // ours, below
      setHeaders: (fileReply, path) => {
        const hashed = path.startsWith(join(webDir, 'assets'));
        fileReply.header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  app.get('/*', { logLevel: 'warn' }, async (request, reply) => {
    if (request.url === '/api' || request.url.startsWith('/api/')) return reply.callNotFound();
    if (!built) return reply.type('text/html; charset=utf-8').send(PLACEHOLDER);
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
