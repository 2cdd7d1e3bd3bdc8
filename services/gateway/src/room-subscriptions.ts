import { isRoomChannel, roomChannel, sessionChannel, userChannel } from '@livechat/protocol';
import type { SessionSource } from './session-source.js';
import type { GatewaySocket } from './socket-types.js';

const ROOM_PREFIX = roomChannel('');

/** The chat rooms a socket is subscribed to, as room ids. */
export const roomIdsOf = (socket: GatewaySocket): string[] =>
  [...socket.rooms].filter(isRoomChannel).map((room) => room.slice(ROOM_PREFIX.length));

/**
 * Subscribes a new socket: first its user's and session's channels, so that membership changes the API
 * broadcasts from now on (socketsJoin / socketsLeave on the user channel) reach it; then the rooms the
 * API lists for the user. A room the API removed the user from while the list was in flight is not
 * joined from the (stale) list. Resolves false when the socket went away meanwhile.
 */
export async function subscribeToRooms(
  socket: GatewaySocket,
  token: string,
  loadSession: SessionSource,
): Promise<boolean> {
  await socket.join([userChannel(socket.data.userId), sessionChannel(socket.data.sessionId)]);
  const leftMeanwhile = new Set<string>();
  const prototypeLeave = socket.leave; // eslint-disable-line @typescript-eslint/unbound-method -- called with .call
  socket.leave = (room: string) => {
    leftMeanwhile.add(room);
    return prototypeLeave.call(socket, room);
  };
  try {
    const roomIds = await loadSession(token);
    if (!socket.connected) return false;
    await socket.join(roomIds.map(roomChannel).filter((room) => !leftMeanwhile.has(room)));
    return true;
  } finally {
    // Back to the prototype's method by assignment, not `delete`: deleting a property sends the socket
    // object into dictionary mode — 0.8 KiB more per socket (issue 7's heap snapshots of 10,000 sockets)
    // and slower property access on every later use of it.
    socket.leave = prototypeLeave;
  }
}
