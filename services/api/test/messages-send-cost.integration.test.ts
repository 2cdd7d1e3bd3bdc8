import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { RoomSummary } from '@livechat/protocol';
import { buildMessage, buildRoom, buildUser, type TestUser } from './support/factories.js';
import { callRoute } from './support/route-request.js';
import { startTestApi, type TestApi } from './support/test-api.js';

/**
 * A send writes a bounded number of rows whatever the room's size (issue 7): the room's counters, the
 * sender's read marker, the message and its outbox row. Counted exactly: every row a transaction inserts or
 * updates carries its transaction id as `xmin`.
 */
describe('rows written per send', () => {
  let api: TestApi;
  let owner: TestUser;
  // Publishes are held until the end: marking a row published rewrites it (and so its xmin).
  let releasePublishes!: () => void;
  const held = new Promise<void>((resolve) => (releasePublishes = resolve));

  beforeAll(async () => {
    api = await startTestApi({
      wrapConfirmation: (confirm) => async (broadcast) => {
        await held;
        await confirm(broadcast);
      },
    });
    owner = await buildUser(api.app);
  });
  afterAll(async () => {
    releasePublishes();
    await api.close();
  });

  /** Seats `count` more members straight in the database: the send under test is what is measured. */
  async function roomWithMembers(count: number): Promise<RoomSummary> {
    const room = await buildRoom(api.app, owner);
    const users = await api.app.db
      .insertInto('users')
      .values(
        Array.from({ length: count }, (_, index) => ({
          email: `bulk-${room.id}-${index}@example.com`,
          display_name: `Bulk ${index}`,
          password_hash: 'not a hash: nobody logs in as them',
        })),
      )
      .returning('id')
      .execute();
    await api.app.db
      .insertInto('room_members')
      .values(users.map((user) => ({ room_id: room.id, user_id: user.id, role: 'member' as const })))
      .execute();
    await api.app.db
      .updateTable('rooms')
      .set((eb) => ({ member_count: eb('member_count', '+', count) }))
      .where('id', '=', room.id)
      .execute();
    return room;
  }

  /** Rows per table that the transaction which stored `messageId` inserted or updated. */
  async function rowsWrittenWith(messageId: string): Promise<Record<string, number>> {
    const { rows } = await sql<{
      xmin: string;
    }>`select xmin::text from messages where id = ${messageId}`.execute(api.app.db);
    const xmin = rows[0]!.xmin;
    const tables = await sql<{ name: string }>`
      select table_name as name from information_schema.tables
       where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(
      api.app.db,
    );
    const written: Record<string, number> = {};
    for (const { name } of tables.rows) {
      const counted = await sql<{ count: number }>`
        select count(*)::int as count from ${sql.table(name)} where xmin = ${xmin}::xid`.execute(api.app.db);
      if (counted.rows[0]!.count > 0) written[name] = counted.rows[0]!.count;
    }
    return written;
  }

  it('writes the same few rows in a room of 2 and in a room of 1,000', async () => {
    const small = await roomWithMembers(1);
    const large = await roomWithMembers(999);
    await buildMessage(api.app, owner, small.id); // not the first send of either room: the steady state
    await buildMessage(api.app, owner, large.id);
    const inSmall = await rowsWrittenWith((await buildMessage(api.app, owner, small.id)).id);
    const inLarge = await rowsWrittenWith((await buildMessage(api.app, owner, large.id)).id);
    expect(inSmall).toEqual({ messages: 1, outbox: 1, room_members: 1, rooms: 1 });
    expect(inLarge).toEqual(inSmall);
  });

  it('writes no row per member when a message is deleted', async () => {
    const large = await roomWithMembers(999);
    const sent = await buildMessage(api.app, owner, large.id);
    const before = await api.app.db
      .selectFrom('room_members')
      .select(sql<string>`max(xmin::text::bigint)`.as('latest'))
      .where('room_id', '=', large.id)
      .executeTakeFirstOrThrow();
    await callRoute(api.app, owner, 'deleteMessage', { params: { id: large.id, messageId: sent.id } });
    const after = await api.app.db
      .selectFrom('room_members')
      .select(sql<string>`max(xmin::text::bigint)`.as('latest'))
      .where('room_id', '=', large.id)
      .executeTakeFirstOrThrow();
    expect(after.latest).toBe(before.latest);
  });
});
