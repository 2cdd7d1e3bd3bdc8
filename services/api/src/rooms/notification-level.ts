import type { FastifyInstance } from 'fastify';
import { userChannel, type NotificationLevel, type NotificationSetting } from '@livechat/protocol';
import { emit } from '../events/outbox-operation.js';
import { roomNotFound } from '../errors.js';

/**
 * Sets when the caller's devices notify them of a room's new messages. Only their own membership row
 * changes (locked, so two devices choosing at once tell the last choice last); a missing room and a room
 * of others answer the same 404. Every socket of the caller hears `notifications:updated`, so their other
 * tabs follow; choosing the level one already has tells no one.
 */
export async function setNotificationLevel(
  app: FastifyInstance,
  userId: string,
  roomId: string,
  level: NotificationLevel,
): Promise<NotificationSetting> {
  return app.transact(async (trx, outbox) => {
    const row = await trx
      .selectFrom('room_members')
      .select('notification_level')
      .where('room_id', '=', roomId)
      .where('user_id', '=', userId)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw roomNotFound();
    const setting = { roomId, level };
    if (row.notification_level === level) return setting;
    await trx
      .updateTable('room_members')
      .set({ notification_level: level })
      .where('room_id', '=', roomId)
      .where('user_id', '=', userId)
      .execute();
    await outbox.record(emit([userChannel(userId)], 'notifications:updated', setting));
    return setting;
  });
}
