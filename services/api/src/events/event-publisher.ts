import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { FastifyBaseLogger as Logger } from 'fastify';
import type { Server } from 'socket.io';
import type { Database } from '../db/schema.js';
import type { OutboxPublisher, RecordedOperation } from './outbox.js';
import type { ConfirmPublished } from './publish-confirmation.js';
import type { OutboxOperation } from './outbox-operation.js';
import { applyOperation } from './socket-operations.js';

/**
 * `id = any($1)`: one parameter and one statement text whatever the batch size, where `id in ($1, …, $n)`
 * would be a new text (a new parse and plan; on PGlite a new prepared statement) for every batch size.
 */
const anyId = (ids: number[]) => sql<boolean>`id = any(${ids}::bigint[])`;

export interface EventPublisherOptions {
  db: Kysely<Database>;
  io: Server;
  logger: Logger;
  /** Whether the fan-out transport can take a publish now (Redis link up); in-process it always can. */
  transportReady: () => boolean;
  /** Runs the broadcasts and resolves once the transport took them; rejects (→ relay retries) if not. */
  confirmPublished: ConfirmPublished;
  relayIntervalMs?: number;
  /** Published rows are marked so in one UPDATE per this interval ... */
  markIntervalMs?: number;
  /** ... or as soon as this many are waiting. */
  markBatchSize?: number;
}

/**
 * Publishes outbox operations: right after commit on the hot path, and from a relay loop for whatever
 * was not published (transport down, process crashed between commit and publish).
 *
 * Exactly once across API replicas: an outbox row is born leased to the process that commits it
 * (`claimed_until`, 30 s, migration 0003), and the relay of every replica takes only rows whose lease
 * lapsed, `for update skip locked` handing each to one relay. A lease is released at once when the
 * post-commit publish fails or the transport is down, so the relay retries soon; a crashed committer's
 * rows wait for their lease. A publish that outlasts its lease (30 s) could be repeated by a relay: that,
 * and a crash between publish and mark, are the only duplicates left (at-least-once).
 *
 * Published rows are marked in batches, not one UPDATE per send; until marked they are still leased, so
 * no relay repeats them.
 */
export class EventPublisher implements OutboxPublisher {
  private relayTimer: NodeJS.Timeout | undefined;
  private relaying: Promise<void> | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  private published: number[] = [];
  private markTimer: NodeJS.Timeout | undefined;
  private marking: Promise<void> = Promise.resolve();

  constructor(private readonly options: EventPublisherOptions) {}

  /**
   * Publishes operations that were just committed. Resolves once they are published and queued to be
   * marked, or released to the relay; never rejects. The broadcast starts synchronously, so publishes
   * leave in commit order.
   */
  publishCommitted(operations: RecordedOperation[]): Promise<void> {
    const ids = operations.map((row) => row.id);
    const work = this.options.transportReady()
      ? this.apply(operations.map((row) => row.operation)).then(
          () => this.queueMark(ids),
          (error: unknown) => {
            this.options.logger.warn({ err: error }, 'publishing after commit failed; the relay will retry');
            return this.release(ids);
          },
        )
      : this.release(ids); // the relay delivers them once the transport is back
    const tracked = work.finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
    return tracked;
  }

  /** Publishes one batch of unpublished rows whose lease lapsed; returns how many it published. */
  async relayOnce(limit = 200): Promise<number> {
    if (!this.options.transportReady()) return 0;
    return this.options.db.transaction().execute(async (trx) => {
      const rows = await trx
        .selectFrom('outbox')
        .select(['id', 'operation'])
        .where('published_at', 'is', null)
        .where('claimed_until', '<=', sql<Date>`now()`)
        .orderBy('id')
        .limit(limit)
        .forUpdate()
        .skipLocked()
        .execute();
      if (rows.length === 0) return 0;
      await this.apply(rows.map((row) => row.operation as OutboxOperation));
      await trx
        .updateTable('outbox')
        .set({ published_at: new Date(), attempts: sql<number>`attempts + 1` })
        .where(anyId(rows.map((row) => row.id)))
        .execute();
      return rows.length;
    });
  }

  start(): void {
    const interval = this.options.relayIntervalMs ?? 1000;
    this.relayTimer = setInterval(() => {
      if (this.relaying) return;
      this.relaying = this.drain()
        .catch((error: unknown) => this.options.logger.warn({ err: error }, 'outbox relay failed; retrying'))
        .finally(() => (this.relaying = undefined));
    }, interval);
    this.relayTimer.unref();
  }

  /** Stops the relay and waits for the publishes in flight and their marks (graceful shutdown). */
  async stop(): Promise<void> {
    clearInterval(this.relayTimer);
    await this.relaying;
    await this.settled();
  }

  /** Resolves once every publish started so far is done and the published rows are marked. */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
    await this.flushMarks();
  }

  private async drain(): Promise<void> {
    while ((await this.relayOnce()) > 0);
  }

  private async apply(operations: OutboxOperation[]): Promise<void> {
    await this.options.confirmPublished(() => {
      for (const operation of operations) applyOperation(this.options.io, operation);
    });
  }

  private queueMark(ids: number[]): void {
    this.published.push(...ids);
    if (this.published.length >= (this.options.markBatchSize ?? 200)) {
      void this.flushMarks();
    } else if (!this.markTimer) {
      this.markTimer = setTimeout(() => void this.flushMarks(), this.options.markIntervalMs ?? 50);
      this.markTimer.unref();
    }
  }

  /** One UPDATE for every row published since the last one; on failure they wait for the next. */
  private flushMarks(): Promise<void> {
    clearTimeout(this.markTimer);
    this.markTimer = undefined;
    this.marking = this.marking.then(async () => {
      const ids = this.published;
      if (ids.length === 0) return;
      this.published = [];
      try {
        await this.options.db
          .updateTable('outbox')
          .set({ published_at: sql<Date>`now()` })
          .where(anyId(ids))
          .execute();
      } catch (error) {
        this.options.logger.warn({ err: error }, 'marking outbox rows published failed; retrying');
        this.queueMark(ids);
      }
    });
    return this.marking;
  }

  /** Hands rows to the relay now instead of when their lease lapses (rare path: publish failed). */
  private async release(ids: number[]): Promise<void> {
    try {
      await this.options.db
        .updateTable('outbox')
        .set({ claimed_until: sql<Date>`now()` })
        .where(anyId(ids))
        .where('published_at', 'is', null)
        .execute();
    } catch (error) {
      this.options.logger.warn(
        { err: error },
        'releasing outbox rows failed; the relay takes them when their lease lapses',
      );
    }
  }
}
