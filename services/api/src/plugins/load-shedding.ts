import fp from 'fastify-plugin';
import underPressure from '@fastify/under-pressure';
import { overloaded } from './admission-gate.js';

/** How often the event loop's delay is sampled: the reaction time of shedding. */
const SAMPLE_INTERVAL_MS = 50;

/**
 * Sheds load when this process's event loop falls behind, at the cheapest point there is (`onRequest`,
 * before the body is parsed, the token checked or a rate limit counted): 503 `unavailable` with
 * Retry-After, which the client library honours.
 *
 * Why, beside the admission gate: the gate bounds the handlers running at once, which protects the
 * database, but a process whose CPU is saturated queues requests where no gate sees them — in the
 * kernel's socket buffers and in the event loop's backlog — and every request, accepted or not, then
 * waits seconds (issue 7 measured an accepted-send p99 of 6.3 s at twice the capacity). The mean event
 * loop delay over a short window is the signal that this backlog exists; refusing until it is gone keeps
 * the latency of the requests we do accept within the budget. Only API routes are shed: health,
 * readiness and metrics must answer most of all when the process is busy. `maxDelayMs` 0 turns it off.
 */
export default fp<{ maxDelayMs: number }>(
  async (app, { maxDelayMs }) => {
    if (maxDelayMs === 0) return;
    await app.register(underPressure, {
      maxEventLoopDelay: maxDelayMs,
      sampleInterval: SAMPLE_INTERVAL_MS,
      pressureHandler: (request) => {
        if (!request.url.startsWith('/api/')) return undefined;
        return Promise.reject(overloaded());
      },
    });
  },
  { name: 'load-shedding', dependencies: ['problem-details'] },
);
