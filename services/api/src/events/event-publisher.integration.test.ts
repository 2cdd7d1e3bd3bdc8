import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import pino from 'pino';
import { Server } from 'socket.io';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.js';
import { EventPublisher, type EventPublisherOptions } from './event-publisher.js';
import { emit, type OutboxOperation } from './outbox-operation.js';
import type { ConfirmPublished } from './publish-confirmation.js';

describe('EventPublisher', () => {
  let database: TestDatabase;
  const io = new Server();
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close()); // `io` has no engine or listener: nothing to close

  /** One API replica's publisher; `broadcasts` counts what it put on the transport. */
  function replica(
    confirm: ConfirmPublished = async (broadcast) => broadcast(),
    options: Partial<EventPublisherOptions> = {},
  ) {
    const counter = { broadcasts: 0 };
    const publisher = new EventPublisher({
      db: database.db,
      io,
      logger: pino({ level: 'silent' }),
      transportReady: () => true,
      confirmPublished: async (broadcast) => {
        await confirm(() => {
          broadcast();
          counter.broadcasts += 1;
        });
      },
      ...options,
    });
    return Object.defineProperty(publisher, 'broadcasts', {
      get: () => counter.broadcasts,
    }) as EventPublisher & {
      readonly broadcasts: number;
    };
  }

  /** An outbox row as a send commits it: leased by default to the process that committed it. */
  async function committedRow(): Promise<{ id: number; operation: OutboxOperation }> {
    const operation = emit(['room:x'], 'room:deleted', {
      roomId: crypto.randomUUID(),
      name: 'Gone',
      by: { id: crypto.randomUUID(), displayName: 'Someone' },
    });
    const row = await database.db
      .insertInto('outbox')
      .values({ operation: JSON.stringify(operation) })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id: row.id, operation };
  }

  const publishedAt = async (id: number) =>
    (
      await database.db
        .selectFrom('outbox')
        .select('published_at')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).published_at;

  it('publishes a row exactly once with two replicas relaying while its committer publishes slowly', async () => {
    let release!: () => void;
    const slowTransport = new Promise<void>((resolve) => (release = resolve));
    const committer = replica(async (broadcast) => {
      broadcast();
      await slowTransport;
    });
    const other = replica();
    const row = await committedRow();
    const publishing = committer.publishCommitted([row]);
    // Both replicas' relays run, however long ago the row was created: it is leased to its committer.
    await sql`update outbox set created_at = now() - interval '1 hour' where id = ${row.id}`.execute(
      database.db,
    );
    expect(await other.relayOnce()).toBe(0);
    expect(await committer.relayOnce()).toBe(0);
    release();
    await publishing;
    // Published but not yet marked (marks are batched): still leased, still not relayed.
    expect(await other.relayOnce()).toBe(0);
    await committer.settled();
    expect(await publishedAt(row.id)).toBeInstanceOf(Date);
    expect(await other.relayOnce()).toBe(0);
    expect(committer.broadcasts + other.broadcasts).toBe(1);
  });

  it('marks many published rows in one batch, each published once', async () => {
    const committer = replica(undefined, { markIntervalMs: 60_000, markBatchSize: 10_000 });
    const other = replica();
    const rows = await Promise.all(Array.from({ length: 20 }, committedRow));
    await Promise.all(rows.map((row) => committer.publishCommitted([row])));
    expect(await publishedAt(rows[0]!.id)).toBeNull(); // the batch has not been written yet ...
    expect(await other.relayOnce()).toBe(0); // ... and nobody relays them meanwhile
    await committer.stop(); // graceful shutdown writes it
    for (const row of rows) expect(await publishedAt(row.id)).toBeInstanceOf(Date);
    expect(committer.broadcasts).toBe(20);
    expect(other.broadcasts).toBe(0);
  });

  it('relays the rows of a committer that crashed before publishing, once their lease lapsed', async () => {
    const other = replica();
    const row = await committedRow(); // committed, then the process died: nobody publishes it
    expect(await other.relayOnce()).toBe(0);
    await sql`update outbox set claimed_until = now() - interval '1 second' where id = ${row.id}`.execute(
      database.db,
    );
    expect(await other.relayOnce()).toBe(1);
    expect(await publishedAt(row.id)).toBeInstanceOf(Date);
    expect(await other.relayOnce()).toBe(0);
    expect(other.broadcasts).toBe(1);
  });

  it('releases the lease at once when the publish fails, and the relay retries', async () => {
    const committer = replica(async () => {
      throw new Error('Redis went away');
    });
    const row = await committedRow();
    await committer.publishCommitted([row]);
    expect(await publishedAt(row.id)).toBeNull();
    const other = replica();
    expect(await other.relayOnce()).toBe(1);
    expect(await publishedAt(row.id)).toBeInstanceOf(Date);
  });

  it('releases the lease at once when the transport is down, and the relay fails while it stays down', async () => {
    const committer = replica(undefined, { transportReady: () => false });
    const row = await committedRow();
    await committer.publishCommitted([row]);
    expect(committer.broadcasts).toBe(0);
    const failing = replica(async () => {
      throw new Error('Redis went away');
    });
    await expect(failing.relayOnce()).rejects.toThrow(/Redis went away/);
    expect(await publishedAt(row.id)).toBeNull();
    const other = replica();
    expect(await other.relayOnce()).toBe(1);
    expect(await publishedAt(row.id)).toBeInstanceOf(Date);
  });
});
