import type { PublicUser, Role } from '@livechat/protocol';

// What someone else did to me or to my rooms, in the words the app shows. Nothing is said of what I did
// myself: I know it, and my other tabs hear the change without a notice.

export const addedToRoomNotice = (by: PublicUser, roomName: string) =>
  `${by.displayName} added you to ${roomName}`;

export const roomDeletedNotice = (by: PublicUser, roomName: string) =>
  `${by.displayName} deleted the room ${roomName}`;

const ROLE_WORDS: Record<Role, (by: string, room: string) => string> = {
  owner: (by, room) => `${by} made you the owner of ${room}`,
  admin: (by, room) => `${by} made you an admin of ${room}`,
  member: (by, room) => `${by} removed your admin role in ${room}`,
};

export const myRoleChangedNotice = (by: PublicUser, role: Role, roomName: string) =>
  ROLE_WORDS[role](by.displayName, roomName);
