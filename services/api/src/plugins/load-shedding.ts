import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import fp from 'fastify-plugin';
import { Counter } from 'prom-client';
import { PROBLEM_CONTENT_TYPE } from '@livechat/protocol';
import { DEFAULT_CACHE_CONTROL, SECURITY_HEADERS } from '@livechat/server-kit';
import { overloaded } from './admission-gate.js';
import { problem } from './problem-details.js';

/** How often the event loop's delay is sampled: the reaction time of shedding. */
const SAMPLE_INTERVAL_MS = 50;
/** The delay histogram's resolution; what it adds to every sample is taken off again. */
const RESOLUTION_MS = 10;

type RequestListener = (request: IncomingMessage, response: ServerResponse) => void;

/**
 * Sheds load when this process's event loop falls behind: 503 `unavailable` with Retry-After (which the
 * client library honours) for every API request, until the loop keeps up again. Health, readiness and
 * metrics are never shed: they must answer most of all when the process is busy. `maxDelayMs` 0 turns
 * it off.
 *
 * Why, beside the admission gate: the gate bounds the handlers running at once, which protects the
 * database, but a process whose CPU is saturated queues requests where no gate sees them — in the
 * kernel's socket buffers and in the event loop's backlog — and every request, accepted or not, waits
 * behind the others. The mean event-loop delay over a short window is the signal that this backlog exists.
 *
 * Why in front of Fastify, on the HTTP server's `request` event: a saturated process spends its time on
 * the requests it refuses, and each refused request waits for its turn like an accepted one, so what a
 * refusal costs is what every accepted request waits for. Refused in Fastify's onRequest (as
 * @fastify/under-pressure does), each still paid for routing, a request object, a logger child, the
 * error handler, serialization and the response hooks; here it is one write of a prepared answer.
 * (`app.inject` bypasses the HTTP server, so it is never shed; the tests use real HTTP.)
 */
export default fp<{ maxDelayMs: number }>(
  async (app, { maxDelayMs }) => {
    if (maxDelayMs === 0) return;
    const delay = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
    delay.enable();
    const shed = new Counter({
      name: 'http_requests_shed_total',
      help: 'API requests refused 503 at the door while the event loop lagged (not in the request histogram)',
      registers: [app.metrics],
    });
    let shedding = false;
    const sampler = setInterval(() => {
      shedding = delay.count > 0 && delay.mean / 1e6 - RESOLUTION_MS > maxDelayMs;
      delay.reset();
    }, SAMPLE_INTERVAL_MS);
    sampler.unref();
    app.addHook('onClose', async () => {
      clearInterval(sampler);
      delay.disable();
    });

    // Fastify answers through the one `request` listener it gave the server at creation.
    const server = app.server;
    const [fastify] = server.listeners('request') as RequestListener[];
    if (!fastify) throw new Error('load shedding: the server has no request listener to stand in front of');
    server.removeListener('request', fastify);
    server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      if (!shedding || !request.url?.startsWith('/api/')) return fastify(request, response);
      shed.inc();
      refuse(request, response);
    });
  },
  { name: 'load-shedding' },
);

const refusal = overloaded();

/** Problem details as every refusal of ours has them, with the headers every response of ours carries. */
function refuse(request: IncomingMessage, response: ServerResponse): void {
  const body = problem(
    refusal.code,
    refusal.message,
    { url: request.url ?? '', id: randomUUID() },
    refusal.extra,
  );
  // The unread request body is discarded by Node once the response ends; the connection stays open.
  response.writeHead(body.status, {
    ...SECURITY_HEADERS,
    'cache-control': DEFAULT_CACHE_CONTROL,
    'content-type': PROBLEM_CONTENT_TYPE,
    'retry-after': String(body.retryAfterSeconds),
  });
  response.end(JSON.stringify(body));
}
