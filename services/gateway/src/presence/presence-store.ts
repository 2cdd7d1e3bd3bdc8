/**
 * Who is online, and on which sockets, across every gateway replica (Redis) or in this one process
 * (standalone). A user is online while they have at least one socket anywhere; the store reports the two
 * transitions exactly once each, however many tabs and replicas race, so they are announced once.
 */
export interface PresenceStore {
  /** Records a socket with the rooms its user is in; true when the user just came online. */
  addSocket(userId: string, socketId: string, roomIds: string[]): Promise<boolean>;
  /** Forgets a socket; when that was the user's last one, resolves with their rooms (to tell), else null. */
  removeSocket(userId: string, socketId: string): Promise<string[] | null>;
  /** Replaces the rooms a user is in (after a membership change), used to announce them going offline. */
  setRooms(userId: string, roomIds: string[]): Promise<void>;
  /** Of `userIds`, those who are online and share at least one room with `askerId`. */
  onlineSharingRoom(askerId: string, userIds: string[]): Promise<string[]>;
}

/** Someone the store found offline on its own (their replica died): tell the people in `roomIds`. */
export type OfflineListener = (userId: string, roomIds: string[]) => void;
