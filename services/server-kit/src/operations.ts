import fp from 'fastify-plugin';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Health } from '@livechat/protocol';
import { routeLabel } from './route-label.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The Prometheus registry this process exposes at /metrics. */
    metrics: Registry;
    /** Adds a dependency to /readyz: the process is ready only while every check answers true. */
    addReadinessCheck(name: string, check: () => Promise<boolean>): void;
  }
}

const CHECK_TIMEOUT_MS = 2000;

async function withTimeout(check: () => Promise<boolean>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>(
    (resolve) => (timer = setTimeout(() => resolve(false), CHECK_TIMEOUT_MS)),
  );
  try {
    return await Promise.race([check().catch(() => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * /healthz (the process is up), /readyz (its dependencies answer), /metrics (Prometheus), and HTTP
 * request latency by route. Registered once per process, whichever services it runs.
 */
export default fp(
  async (app) => {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    const checks = new Map<string, () => Promise<boolean>>();
    const httpDuration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request latency by route and status',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    });
    const httpErrors = new Counter({
      name: 'http_errors_total',
      help: 'HTTP responses with a 4xx or 5xx status',
      labelNames: ['status'] as const,
      registers: [registry],
    });

    app.decorate('metrics', registry);
    app.decorate(
      'addReadinessCheck',
      (name: string, check: () => Promise<boolean>) => void checks.set(name, check),
    );

    app.addHook('onResponse', async (request, reply) => {
      httpDuration.observe(
        { method: request.method, route: routeLabel(request), status: reply.statusCode },
        reply.elapsedTime / 1000,
      );
      if (reply.statusCode >= 400) httpErrors.inc({ status: reply.statusCode });
    });

    // Probes are frequent: log them only when something is wrong. Untagged, so OpenAPI leaves them out.
    const quiet = { logLevel: 'warn' as const };
    app.get('/healthz', quiet, async (): Promise<Health> => ({ status: 'ok', checks: {} }));
    app.get('/readyz', quiet, async (_request, reply) => {
      const results = Object.fromEntries(
        await Promise.all(
          [...checks].map(async ([name, check]) => [name, await withTimeout(check)] as const),
        ),
      );
      const ready = Object.values(results).every(Boolean);
      const body: Health = { status: ready ? 'ok' : 'unavailable', checks: results };
      return reply.code(ready ? 200 : 503).send(body);
    });
    app.get('/metrics', quiet, async (_request, reply) =>
      reply.type(registry.contentType).send(await registry.metrics()),
    );
  },
  { name: 'operations' },
);
