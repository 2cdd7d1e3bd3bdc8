import { createApiClient } from '@livechat/client';
import type { BenchUser } from './api-process-rpc.js';
import { mapBounded } from '../map-bounded.js';

/** A room to create through the real API: its owner and the other members (at most 100, the protocol's cap). */
export interface RoomPlan {
  owner: BenchUser;
  members: BenchUser[];
}

/** Typed REST client acting as one user (Node's fetch keeps connections alive between calls). */
export const clientAs = (baseUrl: string, user: BenchUser) =>
  createApiClient({ baseUrl, getToken: () => user.token });

/** Creates the rooms through `POST /api/rooms` as their owners; returns their ids in plan order. */
export async function createRooms(baseUrl: string, plans: RoomPlan[]): Promise<string[]> {
  return mapBounded(plans, 8, async (plan, index) => {
    const room = await clientAs(baseUrl, plan.owner).call('createRoom', {
      body: { name: `bench room ${index}`, memberIds: plan.members.map((member) => member.id) },
    });
    return room.id;
  });
}
