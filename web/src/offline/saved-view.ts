import type { RoomSnapshot } from '@livechat/client';
import type { SavedMessages } from './device-db';

/** Messages kept per room: what a reload shows at once; older ones load from the server when online. */
export const SAVED_MESSAGES_PER_ROOM = 50;

/** The newest messages of an open room, as the device keeps them. Own pending ones live in the outbox. */
export function toSavedMessages(userId: string, view: RoomSnapshot): SavedMessages {
  const messages = view.messages.slice(-SAVED_MESSAGES_PER_ROOM);
  return {
    userId,
    roomId: view.roomId,
    messages,
    hasOlder: view.hasOlder || messages.length < view.messages.length,
  };
}

/**
 * A saved room as the conversation shows it until the client library has opened the room: then the
 * library's own snapshot (latest page, caught up) replaces it whole, so nothing of it can show twice.
 */
export function toRoomSnapshot(saved: SavedMessages): RoomSnapshot {
  return { roomId: saved.roomId, messages: saved.messages, pending: [], hasOlder: saved.hasOlder };
}
