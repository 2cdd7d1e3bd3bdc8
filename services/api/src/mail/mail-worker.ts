import { sql, type Kysely } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../db/schema.js';
import { PermanentMailError, type MailSender, type OutgoingMail } from './mail-sender.js';

export interface MailWorkerOptions {
  db: Kysely<Database>;
  sender: MailSender;
  logger: FastifyBaseLogger;
  /** Delay before the first retry; doubles with each failed attempt up to `retryMaxMs`. */
  retryBaseMs: number;
  /** @default 3_600_000 (one hour) */
  retryMaxMs?: number;
  /**
   * Attempts before a mail is given up on (it stays in the table with its last error).
   * @default 20 — with a 5 s base and the one-hour cap, about half a day of provider outage.
   */
  maxAttempts?: number;
  /** How often to look for due mail nobody kicked us about (another replica's, or left by a crash). @default 5000 */
  pollIntervalMs?: number;
  /**
   * A claimed mail is not due again for this long, so another replica does not send it while we do; if we
   * crash mid-send it is retried after the lease, under the same idempotency key. @default 60_000
   */
  leaseMs?: number;
  /** @default 20 */
  batchSize?: number;
}

/** Exponential backoff after the given number of failed attempts (1 → base). */
export const retryDelayMs = (attempts: number, baseMs: number, maxMs: number): number =>
  Math.min(maxMs, baseMs * 2 ** Math.min(Math.max(attempts - 1, 0), 30));

const ERROR_TEXT_LIMIT = 500;

/**
 * Sends the mail queued in `mail_outbox`. A batch of due rows is claimed in one short transaction
 * (`for update skip locked`, so replicas never claim the same row) by pushing their due time past a
 * lease; each mail is then sent outside any transaction and marked sent, or rescheduled with backoff.
 * Mail survives a crash anywhere: an unclaimed row is due, a claimed one is due again after the lease,
 * and the provider's idempotency key (the mail id) keeps a resend from delivering twice.
 */
export class MailWorker {
  private readonly retryMaxMs: number;
  private readonly maxAttempts: number;
  private readonly pollIntervalMs: number;
  private readonly leaseMs: number;
  private readonly batchSize: number;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = true;
  private timer: NodeJS.Timeout | undefined;
  private wakeAt = Infinity;

  constructor(private readonly options: MailWorkerOptions) {
    this.retryMaxMs = options.retryMaxMs ?? 3_600_000;
    this.maxAttempts = options.maxAttempts ?? 20;
    this.pollIntervalMs = options.pollIntervalMs ?? 5000;
    this.leaseMs = options.leaseMs ?? 60_000;
    this.batchSize = options.batchSize ?? 20;
  }

  /** Starts sending: whatever is due now, then on every kick and poll. */
  start(): void {
    this.stopped = false;
    this.kick();
  }

  /** Sends what is due now, e.g. right after a transaction that queued mail committed. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
  }

  /** Stops polling and waits for the mail being sent right now. Unsent mail stays due for the next start. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    while (this.running) await this.running;
  }

  /** Claims and sends one batch of due mail; returns how many it tried. */
  async sendDue(): Promise<number> {
    const claimed = await this.claim();
    const pending = [...claimed];
    while (pending.length > 0 && !this.stopped) await this.deliver(pending.shift()!);
    if (pending.length > 0) await this.release(pending.map((mail) => mail.id));
    return claimed.length;
  }

  /** Hands claimed but unsent mail back (shutting down), so the next worker need not wait out the lease. */
  private async release(ids: string[]): Promise<void> {
    await this.options.db
      .updateTable('mail_outbox')
      .set({ attempts: sql<number>`attempts - 1`, next_attempt_at: sql<Date>`now()` })
      .where('id', 'in', ids)
      .execute();
  }

  private async drain(): Promise<void> {
    try {
      while (!this.stopped && (await this.sendDue()) === this.batchSize);
    } catch (error) {
      this.options.logger.warn({ err: error }, 'mail worker could not read the queue; retrying');
    }
    this.wakeIn(this.pollIntervalMs);
  }

  private claim(): Promise<(OutgoingMail & { attempts: number })[]> {
    const lease = sql<Date>`now() + make_interval(secs => ${this.leaseMs / 1000})`;
    return this.options.db
      .updateTable('mail_outbox')
      .set({ attempts: sql<number>`attempts + 1`, next_attempt_at: lease })
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('mail_outbox')
          .select('id')
          .where('sent_at', 'is', null)
          .where('attempts', '<', this.maxAttempts)
          .where('next_attempt_at', '<=', sql<Date>`now()`)
          .orderBy('next_attempt_at')
          .limit(this.batchSize)
          .forUpdate()
          .skipLocked(),
      )
      .returning(['id', 'to_address as to', 'subject', 'text_body as text', 'html_body as html', 'attempts'])
      .execute();
  }

  private async deliver(mail: OutgoingMail & { attempts: number }): Promise<void> {
    const { db, sender, logger } = this.options;
    try {
      await sender.send({
        id: mail.id,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
      });
    } catch (error) {
      const permanent = error instanceof PermanentMailError;
      const giveUp = permanent || mail.attempts >= this.maxAttempts;
      const delay = retryDelayMs(mail.attempts, this.options.retryBaseMs, this.retryMaxMs);
      const message = (error instanceof Error ? error.message : String(error)).slice(0, ERROR_TEXT_LIMIT);
      await db
        .updateTable('mail_outbox')
        .set({
          last_error: message,
          ...(giveUp
            ? { attempts: this.maxAttempts }
            : { next_attempt_at: sql<Date>`now() + make_interval(secs => ${delay / 1000})` }),
        })
        .where('id', '=', mail.id)
        .execute();
      logger[giveUp ? 'error' : 'warn'](
        { mailId: mail.id, attempts: mail.attempts, err: error },
        giveUp ? 'mail could not be sent; giving up' : `mail not sent; retrying in ${delay} ms`,
      );
      if (!giveUp) this.wakeIn(delay);
      return;
    }
    await db
      .updateTable('mail_outbox')
      .set({ sent_at: sql<Date>`now()`, last_error: null })
      .where('id', '=', mail.id)
      .execute();
  }

  /** Keeps one timer, armed for the earliest wake-up anyone asked for. */
  private wakeIn(delayMs: number): void {
    if (this.stopped) return;
    const at = Date.now() + delayMs;
    if (this.timer && at >= this.wakeAt) return;
    clearTimeout(this.timer);
    this.wakeAt = at;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.wakeAt = Infinity;
      this.kick();
    }, delayMs);
    this.timer.unref();
  }
}
