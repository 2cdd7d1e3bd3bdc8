import type { BenchUser } from '../api/api-process-rpc.js';
import { createRooms } from '../api/create-rooms.js';

/**
 * Puts users into rooms of `roomSize` through the real API (user k·roomSize owns room k), so every socket
 * the gateway accepts has a user channel and a room channel to join, as a real user does.
 */
export async function createMemberRooms(apiUrl: string, users: BenchUser[], roomSize: number) {
  const groups: BenchUser[][] = [];
  for (let start = 0; start < users.length; start += roomSize)
    groups.push(users.slice(start, start + roomSize));
  const roomIds = await createRooms(
    apiUrl,
    groups.map(([owner, ...members]) => ({ owner: owner!, members })),
  );
  return groups.map((members, index) => ({ id: roomIds[index]!, members }));
}
