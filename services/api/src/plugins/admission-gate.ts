import fp from 'fastify-plugin';
import { ApiError } from '../errors.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Bounds the route handlers running at once; see `AdmissionGate`. */
    admission: AdmissionGate;
  }
}

export interface AdmissionLimits {
  /** Handlers running at once. */
  concurrency: number;
  /** Requests waiting for a turn; one more is refused at once. */
  queueLength: number;
  /** How long a request may wait for its turn before it is refused. */
  queueWaitMs: number;
}

/** Seconds a refused client is told to wait: the smallest Retry-After there is. */
const RETRY_AFTER_SECONDS = 1;

export const overloaded = () =>
  new ApiError('unavailable', 'The server is busy; try again in a second', {
    retryAfterSeconds: RETRY_AFTER_SECONDS,
  });

/**
 * Admission control past saturation: a process that cannot keep up refuses work at the door (503
 * `unavailable` with Retry-After) instead of queueing it into seconds of latency for everyone, so the
 * requests it does accept stay fast. At most `concurrency` handlers run at once (about the database pool:
 * more would only wait inside the pool, out of sight); up to `queueLength` more wait, each at most
 * `queueWaitMs`, first come first served.
 */
export class AdmissionGate {
  private running = 0;
  private readonly waiting: { admit: () => void }[] = [];

  constructor(private readonly limits: AdmissionLimits) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running < this.limits.concurrency) this.running += 1;
    else await this.queue();
    try {
      return await work();
    } finally {
      this.release();
    }
  }

  private queue(): Promise<void> {
    if (this.waiting.length >= this.limits.queueLength) return Promise.reject(overloaded());
    return new Promise((resolve, reject) => {
      const turn = {
        admit: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        this.waiting.splice(this.waiting.indexOf(turn), 1);
        reject(overloaded());
      }, this.limits.queueWaitMs);
      this.waiting.push(turn);
    });
  }

  /** Hands the slot straight to the next in line (the count stays), or frees it. */
  private release(): void {
    const next = this.waiting.shift();
    if (next) next.admit();
    else this.running -= 1;
  }
}

export default fp(
  async (app) => {
    const config = app.config;
    app.decorate(
      'admission',
      new AdmissionGate({
        concurrency: config.ADMISSION_CONCURRENCY ?? config.DATABASE_POOL_SIZE,
        queueLength: config.ADMISSION_QUEUE_LENGTH,
        queueWaitMs: config.ADMISSION_QUEUE_WAIT_MS,
      }),
    );
  },
  { name: 'admission-gate', dependencies: ['api-context'] },
);
