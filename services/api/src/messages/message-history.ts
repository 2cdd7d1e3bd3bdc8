import type { Kysely } from 'kysely';
import type { HistoryQuery, MessagePage } from '@livechat/protocol';
import type { Database } from '../db/schema.js';
import { ApiError } from '../errors.js';
import { requireMembership } from '../rooms/room-membership.js';
import { selectMessages, toMessage } from './message-query.js';

const DEFAULT_LIMIT = 50;

/**
 * A page of a room's history, always in ascending seq: the newest `limit` messages before `before` (or
 * the latest page when neither bound is given), or the oldest `limit` after `after`. Tombstones are
 * included so that seqs stay contiguous for the client. Reads `limit + 1` rows to learn `hasMore`.
 */
export async function messageHistory(
  db: Kysely<Database>,
  userId: string,
  roomId: string,
  query: HistoryQuery,
): Promise<MessagePage> {
  if (query.before !== undefined && query.after !== undefined) {
    const message = 'Give either before or after, not both';
    throw new ApiError('validation_failed', message, { errors: [{ field: 'querystring', message }] });
  }
  await requireMembership(db, roomId, userId);
  const limit = query.limit ?? DEFAULT_LIMIT;
  let select = selectMessages(db)
    .where('m.room_id', '=', roomId)
    .limit(limit + 1);
  const forward = query.after !== undefined;
  if (forward) {
    select = select.where('m.seq', '>', query.after!).orderBy('m.seq', 'asc');
  } else {
    if (query.before !== undefined) select = select.where('m.seq', '<', query.before);
    select = select.orderBy('m.seq', 'desc');
  }
  const rows = await select.execute();
  const page = rows.slice(0, limit);
  if (!forward) page.reverse();
  return { messages: page.map(toMessage), hasMore: rows.length > limit };
}
