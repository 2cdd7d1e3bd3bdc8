import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import pino from 'pino';
import { Server } from 'socket.io';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.js';
import { EventPublisher } from './event-publisher.js';
import { emit } from './outbox-operation.js';

describe('EventPublisher', () => {
  let database: TestDatabase;
  const io = new Server();
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close()); // `io` has no engine or listener: nothing to close

  it('never relays a row its own post-commit publish is still working on', async () => {
    let release!: () => void;
    const slowTransport = new Promise<void>((resolve) => (release = resolve));
    let broadcasts = 0;
    const publisher = new EventPublisher({
      db: database.db,
      io,
      logger: pino({ level: 'silent' }),
      transportReady: () => true,
      confirmPublished: async (broadcast) => {
        broadcast();
        broadcasts += 1;
        await slowTransport;
      },
    });
    const [row] = await database.db
      .insertInto('outbox')
      .values({
        operation: JSON.stringify(emit(['room:x'], 'room:deleted', { roomId: crypto.randomUUID() })),
      })
      .returning(['id', 'operation'])
      .execute();
    const publishing = publisher.publishCommitted([
      { id: row!.id, operation: emit(['room:x'], 'room:deleted', { roomId: 'x' }) },
    ]);
    // The publish outlasts the relay delay: the row looks abandoned to anyone who does not know better.
    await sql`update outbox set created_at = now() - interval '1 hour'`.execute(database.db);

    expect(await publisher.relayOnce()).toBe(0);
    release();
    await publishing;
    expect(broadcasts).toBe(1);
    const stored = await database.db.selectFrom('outbox').select('published_at').executeTakeFirstOrThrow();
    expect(stored.published_at).toBeInstanceOf(Date);
    expect(await publisher.relayOnce()).toBe(0);
  });

  it('relays what a failed publish left behind', async () => {
    const publisher = new EventPublisher({
      db: database.db,
      io,
      logger: pino({ level: 'silent' }),
      transportReady: () => true,
      confirmPublished: async () => {
        throw new Error('Redis went away');
      },
    });
    const [row] = await database.db
      .insertInto('outbox')
      .values({ operation: JSON.stringify(emit(['room:y'], 'room:deleted', { roomId: 'y' })) })
      .returning('id')
      .execute();
    await publisher.publishCommitted([
      { id: row!.id, operation: emit(['room:y'], 'room:deleted', { roomId: 'y' }) },
    ]);
    await sql`update outbox set created_at = now() - interval '1 hour' where published_at is null`.execute(
      database.db,
    );
    await expect(publisher.relayOnce()).rejects.toThrow(/Redis went away/);
    const unpublished = await database.db
      .selectFrom('outbox')
      .select('id')
      .where('published_at', 'is', null)
      .execute();
    expect(unpublished.map((r) => r.id)).toEqual([row!.id]);
  });
});
