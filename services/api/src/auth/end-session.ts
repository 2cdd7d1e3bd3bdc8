import { sessionChannel } from '@livechat/protocol';
import type { Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import type { OutboxWriter } from '../events/outbox.js';
import { revokeFamily } from './refresh-sessions.js';
import { disconnectSessions } from './session-disconnect.js';

/**
 * Ends one session inside the caller's transaction, the way logging out does: its refresh tokens revoked
 * and, once this commits, its sockets told `message` and disconnected on every gateway. The caller then
 * puts it on the revoked-session list (`app.revokedSessions.revoke`) after the commit, so its access
 * tokens stop at once. Logout, ending a device from the session list and signing in again over an old
 * cookie all end a session through here. `ownerId`: only if it is theirs. Answers whether it was live.
 */
export async function endSession(
  trx: Transaction<Database>,
  outbox: OutboxWriter,
  familyId: string,
  message: string,
  ownerId?: string,
): Promise<boolean> {
  const live = await revokeFamily(trx, familyId, ownerId);
  // Logout (no owner to check) disconnects even a session whose tokens had all lapsed: its sockets may
  // still be open. An id that is not the owner's live session touches no one's sockets.
  if (live || !ownerId) await outbox.record(disconnectSessions(sessionChannel(familyId), message));
  return live;
}
