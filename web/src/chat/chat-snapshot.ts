import type { RoomSnapshot } from '@livechat/client';
import type { Member, RoomSummary, TypingEvent } from '@livechat/protocol';
import type { OutgoingList } from './outgoing/outgoing-messages';

/** The link to the server as the banner tells it: first connect, live, lost, or just back. */
export type ConnectionState = 'connecting' | 'online' | 'offline' | 'restored';

/** Something another person did that concerns me, told once ("Alice added you to Team"). */
export interface Notice {
  id: number;
  text: string;
}

/** Loading state of one open room. */
export interface RoomLoad {
  loading: boolean;
  loadingOlder: boolean;
  error: string | null;
}

/**
 * Everything the chat screens render, as one immutable value: a change replaces only the parts it touches,
 * so a component selecting `members` does not re-render when a message arrives.
 */
export interface ChatSnapshot {
  status: 'loading' | 'ready' | 'failed';
  rooms: ReadonlyMap<string, RoomSummary>;
  /** Open rooms as the client library keeps them: stored messages in seq order, own pending ones. */
  views: ReadonlyMap<string, RoomSnapshot>;
  /** Own messages typed while an earlier one of the same room is still on its way (sent in order). */
  queued: ReadonlyMap<string, OutgoingList>;
  members: ReadonlyMap<string, readonly Member[]>;
  loads: ReadonlyMap<string, RoomLoad>;
  online: ReadonlySet<string>;
  typing: ReadonlyMap<string, readonly TypingEvent[]>;
  connection: ConnectionState;
  /** The room list shown is the one this device saved (src/offline): the server has not answered yet. */
  fromDevice: boolean;
  notices: readonly Notice[];
}

export const INITIAL_SNAPSHOT: ChatSnapshot = {
  status: 'loading',
  rooms: new Map(),
  views: new Map(),
  queued: new Map(),
  members: new Map(),
  loads: new Map(),
  online: new Set(),
  typing: new Map(),
  connection: 'connecting',
  fromDevice: false,
  notices: [],
};

/** A copy of `map` with `key` set (or deleted when `value` is undefined). */
export function withEntry<K, V>(map: ReadonlyMap<K, V>, key: K, value: V | undefined): ReadonlyMap<K, V> {
  const next = new Map(map);
  if (value === undefined) next.delete(key);
  else next.set(key, value);
  return next;
}
