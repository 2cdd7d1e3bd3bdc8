import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { FastifyBaseLogger as Logger } from 'fastify';
import type { Server } from 'socket.io';
import type { Database } from '../db/schema.js';
import type { OutboxPublisher, RecordedOperation } from './outbox.js';
import type { ConfirmPublished } from './publish-confirmation.js';
import type { OutboxOperation } from './outbox-operation.js';
import { applyOperation } from './socket-operations.js';

export interface EventPublisherOptions {
  db: Kysely<Database>;
  io: Server;
  logger: Logger;
  /** Whether the fan-out transport can take a publish now (Redis link up); in-process it always can. */
  transportReady: () => boolean;
  /** Runs the broadcasts and resolves once the transport took them; rejects (→ relay retries) if not. */
  confirmPublished: ConfirmPublished;
  /** The relay takes rows older than this, leaving fresh ones to the publish that follows their commit. */
  relayDelayMs?: number;
  relayIntervalMs?: number;
}

/**
 * Publishes outbox operations: right after commit on the hot path, and from a relay loop for whatever
 * was not published (transport down, process crashed between commit and publish). Several API replicas
 * may relay at once: `for update skip locked` hands each row to one of them.
 */
export class EventPublisher implements OutboxPublisher {
  private timer: NodeJS.Timeout | undefined;
  private relaying: Promise<void> | undefined;
  /**
   * Rows this process is publishing right after their commit. Under load that publish can outlast the
   * relay delay; without this the relay would publish the same rows again (at-least-once stays true, but
   * duplicates cost work exactly when the system is busiest).
   */
  private readonly inFlight = new Set<number>();

  constructor(private readonly options: EventPublisherOptions) {}

  async publishCommitted(operations: RecordedOperation[]): Promise<void> {
    if (!this.options.transportReady()) return; // the relay delivers them once the transport is back
    const ids = operations.map((row) => row.id);
    for (const id of ids) this.inFlight.add(id);
    try {
      await this.apply(operations.map((row) => row.operation));
      await this.markPublished(ids);
    } catch (error) {
      this.options.logger.warn({ err: error }, 'publishing after commit failed; the relay will retry');
    } finally {
      for (const id of ids) this.inFlight.delete(id);
    }
  }

  /** Publishes one batch of unpublished rows; returns how many it published. */
  async relayOnce(limit = 200): Promise<number> {
    if (!this.options.transportReady()) return 0;
    const delay = `${this.options.relayDelayMs ?? 1000} milliseconds`;
    const inFlight = [...this.inFlight];
    return this.options.db.transaction().execute(async (trx) => {
      let query = trx
        .selectFrom('outbox')
        .select(['id', 'operation'])
        .where('published_at', 'is', null)
        .where('created_at', '<', sql<Date>`now() - ${delay}::interval`);
      if (inFlight.length > 0) query = query.where('id', 'not in', inFlight);
      const rows = await query.orderBy('id').limit(limit).forUpdate().skipLocked().execute();
      if (rows.length === 0) return 0;
      await this.apply(rows.map((row) => row.operation as OutboxOperation));
      await trx
        .updateTable('outbox')
        .set({ published_at: new Date(), attempts: sql<number>`attempts + 1` })
        .where(
          'id',
          'in',
          rows.map((row) => row.id),
        )
        .execute();
      return rows.length;
    });
  }

  start(): void {
    const interval = this.options.relayIntervalMs ?? 1000;
    this.timer = setInterval(() => {
      if (this.relaying) return;
      this.relaying = this.drain()
        .catch((error: unknown) => this.options.logger.warn({ err: error }, 'outbox relay failed; retrying'))
        .finally(() => (this.relaying = undefined));
    }, interval);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.relaying;
  }

  private async drain(): Promise<void> {
    while ((await this.relayOnce()) > 0);
  }

  private async apply(operations: OutboxOperation[]): Promise<void> {
    await this.options.confirmPublished(() => {
      for (const operation of operations) applyOperation(this.options.io, operation);
    });
  }

  private async markPublished(ids: number[]): Promise<void> {
    await this.options.db
      .updateTable('outbox')
      .set({ published_at: new Date() })
      .where('id', 'in', ids)
      .execute();
  }
}
