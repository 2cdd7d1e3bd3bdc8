import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import operations from './operations.js';
import { DEFAULT_CACHE_CONTROL, SECURITY_HEADERS } from './security-headers.js';
import { serverOptions } from './server-options.js';

let app: FastifyInstance | undefined;
afterEach(() => app?.close());

async function server(metrics?: { port?: number; host: string }): Promise<FastifyInstance> {
  const instance = Fastify(serverOptions({ service: 'test', logLevel: 'silent' }));
  await instance.register(operations, metrics ? { metrics } : {});
  instance.get('/api/thing', async () => ({ ok: true }));
  instance.get('/broken', async () => {
    throw new Error('broken on purpose');
  });
  instance.get('/asset.js', async (_request, reply) =>
    reply.header('cache-control', 'public, max-age=60').type('text/javascript').send('1'),
  );
  await instance.listen({ port: 0, host: '127.0.0.1' });
  return (app = instance);
}

const baseUrl = (instance: FastifyInstance) => {
  const address = instance.server.address() as { port: number };
  return `http://127.0.0.1:${address.port}`;
};

describe('operations: the header policy', () => {
  it('is on every response, 404s and errors included; no-store unless the route caches', async () => {
    const instance = await server();
    for (const path of ['/api/thing', '/no-such-route', '/broken', '/healthz']) {
      const response = await fetch(`${baseUrl(instance)}${path}`);
      for (const [name, value] of Object.entries(SECURITY_HEADERS))
        expect(response.headers.get(name), `${name} on ${path}`).toBe(value);
      expect(response.headers.get('cache-control'), path).toBe(DEFAULT_CACHE_CONTROL);
    }
    const asset = await fetch(`${baseUrl(instance)}/asset.js`);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=60');
  });
});

describe('operations: /metrics', () => {
  it('is served on the metrics listener only, never on the public port', async () => {
    const instance = await server({ port: 0, host: '127.0.0.1' });
    const metricsUrl = instance.metricsUrl();
    expect(metricsUrl).not.toBeNull();
    const scraped = await fetch(`${metricsUrl}/metrics`);
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toMatch(/^# HELP http_request_duration_seconds /m);
    expect((await fetch(`${metricsUrl}/healthz`)).status).toBe(404);
    expect((await fetch(`${baseUrl(instance)}/metrics`)).status).toBe(404);
  });

  it('is not served at all without a METRICS_PORT', async () => {
    const instance = await server({ host: '127.0.0.1' });
    expect(instance.metricsUrl()).toBeNull();
    expect((await fetch(`${baseUrl(instance)}/metrics`)).status).toBe(404);
  });

  it('fails the start when its port is taken', async () => {
    const holder = await server({ port: 0, host: '127.0.0.1' });
    const port = Number(new URL(holder.metricsUrl()!).port);
    const second = Fastify(serverOptions({ service: 'test', logLevel: 'silent' }));
    await second.register(operations, { metrics: { port, host: '127.0.0.1' } });
    await expect(second.ready()).rejects.toThrow(/EADDRINUSE/);
    await second.close();
  });
});
