import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

const PLACEHOLDER = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>LiveChat</title></head>
<body><h1>LiveChat is running</h1>
<p>The web app has not been built yet. Run <code>npm start</code> from the repository root (it builds it),
or <code>npm run build -w @livechat/web</code>, then reload this page.</p>
<p>The API answers under <a href="/api/docs">/api</a>.</p></body></html>
`;

/**
 * Serves the built single-page app: its files as they are (hashed assets cached for good, index.html
 * revalidated; source maps never), and index.html for any other GET outside /api, so client-side routes survive a reload.
 * Without a build, a page that says how to make one. The header policy (CSP, nosniff, framing) is
 * server-kit's, applied to every response by `operations`.
 */
export async function webApp(app: FastifyInstance, { webDir }: { webDir: string }): Promise<void> {
  const built = existsSync(join(webDir, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, {
      root: webDir,
      wildcard: false,
      dotfiles: 'ignore',
      // A source map left in the build folder (a debug build) is not published: it is the whole source.
      allowedPath: (pathName) => !pathName.endsWith('.map'),
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
