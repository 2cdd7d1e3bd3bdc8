import { PERMISSIONS, may, type Role, type RoomAction } from '@livechat/protocol';
import { forbidden } from '../errors.js';

const DOING: Record<RoomAction, string> = {
  rename: 'rename this room',
  addMembers: 'add people to this room',
  removeMember: 'remove people from this room',
  changeRole: 'grant or revoke admin in this room',
  transferOwnership: 'hand this room to another member',
  deleteRoom: 'delete this room',
};

/**
 * Refuses an action the caller's role does not allow. The table itself is the protocol's PERMISSIONS
 * (services/protocol/src/rooms.ts), so the web app can grey out exactly what the API refuses.
 */
export function requirePermission(role: Role, action: RoomAction): void {
  if (may(role, action)) return;
  const allowed = PERMISSIONS[action].map((each) => `${each}s`).join(' or ');
  throw forbidden(`Only ${allowed} may ${DOING[action]}; your role here is ${role}`);
}
