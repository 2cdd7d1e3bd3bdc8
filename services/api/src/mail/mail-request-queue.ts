import type { FastifyBaseLogger } from 'fastify';

export interface MailRequestQueueOptions {
  logger: FastifyBaseLogger;
  /**
   * Requests waiting at once; past it new ones are dropped and logged (the auth rate limits keep honest
   * traffic far below). @default 10_000
   */
  maxPending?: number;
}

/**
 * Work a request asked for but must not do on its path: whether an address has an account, and the
 * token and mail it then gets, cost time only when it does — an attacker timing forgot-password or
 * resend-verification would learn who has an account. The route enqueues and answers at once; this
 * drains one task at a time in the background and logs what fails. In memory: a crash loses what is
 * still waiting (the person asks again); what a task queued in `mail_outbox` is safe from then on.
 */
export class MailRequestQueue {
  private readonly pending: (() => Promise<void>)[] = [];
  private readonly maxPending: number;
  private draining: Promise<void> | undefined;

  constructor(private readonly options: MailRequestQueueOptions) {
    this.maxPending = options.maxPending ?? 10_000;
  }

  /** Queues `task` to run after the current request; never waits for it, never throws. */
  enqueue(name: string, task: () => Promise<void>): void {
    if (this.pending.length >= this.maxPending) {
      this.options.logger.warn({ task: name }, 'mail request queue is full; request dropped');
      return;
    }
    this.pending.push(async () => {
      try {
        await task();
      } catch (error) {
        this.options.logger.error({ err: error, task: name }, 'mail request failed');
      }
    });
    this.draining ??= this.drain();
  }

  /** Resolves once everything queued so far has run (shutdown, and tests that read the mail). */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  private async drain(): Promise<void> {
    // Off the request's turn of the event loop, so even the first task never delays its answer.
    await new Promise((resolve) => setImmediate(resolve));
    for (let task = this.pending.shift(); task; task = this.pending.shift()) await task();
    this.draining = undefined;
  }
}
