import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import type { OutboxOperation } from './outbox-operation.js';

export interface RecordedOperation {
  id: number;
  operation: OutboxOperation;
}

/** Collects the operations of one transaction: inserted with it, published after it commits. */
export class OutboxWriter {
  readonly recorded: RecordedOperation[] = [];
  constructor(private readonly trx: Transaction<Database>) {}

  async record(...operations: OutboxOperation[]): Promise<void> {
    if (operations.length === 0) return;
    const rows = await this.trx
      .insertInto('outbox')
      .values(operations.map((operation) => ({ operation: JSON.stringify(operation) })))
      .returning('id')
      .execute();
    rows.forEach((row, index) => this.recorded.push({ id: row.id, operation: operations[index]! }));
  }

  /**
   * Takes on an operation whose row the caller inserted itself, in a statement of its own (the send writes
   * its message and outbox row in one): published after commit like the ones recorded here.
   */
  adopt(row: RecordedOperation): void {
    this.recorded.push(row);
  }
}

export interface OutboxPublisher {
  /** Publishes operations that were just committed; whatever fails stays for the relay. Never rejects. */
  publishCommitted(operations: RecordedOperation[]): Promise<void>;
}

/**
 * Runs `work` in one transaction with an outbox writer; after commit, publishes what it recorded.
 * A rollback discards the recorded operations with everything else, so nobody hears of a change that
 * did not happen; a crash after commit leaves them for the relay, so no event is lost. The answer does not
 * wait for the publish (the publisher tracks it, and graceful shutdown waits for it).
 */
export async function transact<T>(
  db: Kysely<Database>,
  publisher: OutboxPublisher,
  work: (trx: Transaction<Database>, outbox: OutboxWriter) => Promise<T>,
): Promise<T> {
  let writer: OutboxWriter | undefined;
  const result = await db.transaction().execute(async (trx) => {
    writer = new OutboxWriter(trx);
    return work(trx, writer);
  });
  if (writer && writer.recorded.length > 0) void publisher.publishCommitted(writer.recorded);
  return result;
}
