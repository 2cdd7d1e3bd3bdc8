import type { Kysely } from 'kysely';
import { CHANGES_MAX_BEHIND, type ChangesPage, type ChangesQuery } from '@livechat/protocol';
import type { Database } from '../db/schema.js';
import { ApiError } from '../errors.js';
import { requireMembership } from '../rooms/room-membership.js';
import { selectMessages, toMessage } from './message-query.js';

const DEFAULT_LIMIT = 100;

/**
 * Messages changed after revision `since` (new, edited, deleted: each message once, at its latest
 * revision), in ascending revision. The room's revision is read first and the page bounded by it: a
 * revision is committed together with its message, so everything up to it is visible and the answer
 * is a consistent cut even while others write.
 *
 * Answers `too_far_behind` past CHANGES_MAX_BEHIND revisions: reloading the room is cheaper then.
 */
export async function roomChanges(
  db: Kysely<Database>,
  userId: string,
  roomId: string,
  query: ChangesQuery,
): Promise<ChangesPage> {
  const { revision } = await requireMembership(db, roomId, userId);
  if (query.since > revision) {
    const message = `since (${query.since}) is ahead of the room's revision (${revision}); reload the room`;
    throw new ApiError('validation_failed', message, { errors: [{ field: 'querystring.since', message }] });
  }
  if (revision - query.since > CHANGES_MAX_BEHIND) {
    throw new ApiError(
      'too_far_behind',
      `More than ${CHANGES_MAX_BEHIND} changes behind (at ${query.since}, the room is at ${revision}); reload the room`,
    );
  }
  const limit = query.limit ?? DEFAULT_LIMIT;
  const rows = await selectMessages(db)
    .where('m.room_id', '=', roomId)
    .where('m.revision', '>', query.since)
    .where('m.revision', '<=', revision)
    .orderBy('m.revision', 'asc')
    .limit(limit + 1)
    .execute();
  const hasMore = rows.length > limit;
  const changes = rows.slice(0, limit).map(toMessage);
  return { changes, revision: hasMore ? changes.at(-1)!.revision : revision, hasMore };
}
