import fp from 'fastify-plugin';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Health } from '@livechat/protocol';
import { MetricsListener } from './metrics-listener.js';
import { routeLabel } from './route-label.js';
import { securityHeaders } from './security-headers.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The Prometheus registry this process exposes at /metrics on its metrics listener. */
    metrics: Registry;
    /** Where the metrics listener answers (`http://host:port`), or null when none is configured. */
    metricsUrl(): string | null;
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

export interface OperationsOptions {
  /**
   * Where Prometheus scrapes `/metrics` (METRICS_PORT / METRICS_HOST): a listener of its own, never the
   * public port. Without a port, the registry is kept (tests read it) but not served.
   */
  metrics?: { port?: number | undefined; host: string };
  /** Browsers reach this process over https (the API's PUBLIC_URL): responses carry HSTS. */
  https?: boolean;
}

/**
 * /healthz (the process is up), /readyz (its dependencies answer), /metrics (Prometheus, on the internal
 * metrics listener), HTTP request latency by route, and the header policy of every response
 * (security-headers.ts). Registered once per process, whichever services it runs.
 */
export default fp<OperationsOptions>(
  async (app, options) => {
    await app.register(securityHeaders, { https: options.https ?? false });
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

    const listener = new MetricsListener(registry);
    app.decorate('metricsUrl', () => listener.url());
    const { port, host } = options.metrics ?? {};
    if (port !== undefined && host !== undefined) {
      // Bound when the server is ready (before it listens), so a taken port fails the start.
      app.addHook('onReady', () => listener.listen({ port, host }));
      app.addHook('onClose', () => listener.close());
    }
  },
  { name: 'operations' },
);
