import type { ChangesPage, Message, MessagePage } from '@livechat/protocol';
import type { MessageEvent } from '../../src/room-timeline.js';

/** One change a member may make to a room; `pick` chooses the target among the messages sent so far. */
export type RoomOperation =
  { kind: 'send' } | { kind: 'edit'; pick: number } | { kind: 'delete'; pick: number };

export type MessageEventName = 'message:new' | 'message:edited' | 'message:deleted';

const ROOM_ID = '00000000-0000-4000-8000-00000000000a';
const SENDER = { id: '00000000-0000-4000-8000-0000000000b0', displayName: 'Ada' };
const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

/**
 * The server's truth for one room, as the API keeps it: gapless seq, one revision per change, and the
 * changes / history queries answered as of any past revision. Tests compare a client's view with it.
 */
export class RoomServerModel {
  readonly roomId = ROOM_ID;
  /** `versions[r - 1]` is the message as it stood after the change that took revision `r`. */
  readonly versions: Message[] = [];
  readonly events: { name: MessageEventName; payload: MessageEvent }[] = [];
  #lastSeq = 0;

  constructor(operations: readonly RoomOperation[] = []) {
    for (const operation of operations) this.apply(operation);
  }

  get revision(): number {
    return this.versions.length;
  }

  /** Makes the change if it is allowed (a deleted message cannot be edited or deleted again). */
  apply(operation: RoomOperation): Message | null {
    const revision = this.revision + 1;
    const stamp = new Date(Date.UTC(2024, 0, 1, 0, 0, revision)).toISOString();
    if (operation.kind === 'send') {
      const seq = ++this.#lastSeq;
      return this.#record('message:new', {
        id: uuid(seq),
        roomId: ROOM_ID,
        seq,
        revision,
        sender: SENDER,
        clientId: `c-${seq}`,
        body: `message ${seq}`,
        replyTo: null,
        createdAt: stamp,
        editedAt: null,
        deletedAt: null,
      });
    }
    const current = this.stateAt(this.revision);
    const target = current[operation.pick % Math.max(1, current.length)];
    if (!target || target.deletedAt) return null;
    if (operation.kind === 'edit') {
      return this.#record('message:edited', {
        ...target,
        revision,
        body: `message ${target.seq} edit ${revision}`,
        editedAt: stamp,
      });
    }
    return this.#record('message:deleted', { ...target, revision, body: '', deletedAt: stamp });
  }

  /** Every message as it stood at `revision`, in seq order. */
  stateAt(revision: number): Message[] {
    const byId = new Map<string, Message>();
    for (const version of this.versions.slice(0, revision)) byId.set(version.id, version);
    return [...byId.values()].sort((a, b) => a.seq - b.seq);
  }

  #record(name: MessageEventName, message: Message): Message {
    this.versions.push(message);
    this.events.push({
      name,
      payload: { roomId: ROOM_ID, lastSeq: this.#lastSeq, revision: message.revision, message },
    });
    return message;
  }

  /** `GET /changes?since&limit` answered at `at`; null stands for the API's `too_far_behind`. */
  changes(since: number, limit: number, at = this.revision, maxBehind = Infinity): ChangesPage | null {
    if (at - since > maxBehind) return null;
    const changed = this.stateAt(at)
      .filter((message) => message.revision > since)
      .sort((a, b) => a.revision - b.revision);
    const page = changed.slice(0, limit);
    const hasMore = changed.length > limit;
    return { changes: page, revision: hasMore ? page[page.length - 1]!.revision : at, hasMore };
  }

  /** `GET /messages?before&limit` answered at `at`: the latest page when `before` is absent. */
  history(query: { before?: number; limit: number }, at = this.revision): MessagePage {
    const all = this.stateAt(at).filter(
      (message) => query.before === undefined || message.seq < query.before,
    );
    const messages = all.slice(Math.max(0, all.length - query.limit));
    return { messages, hasMore: all.length > messages.length };
  }
}
