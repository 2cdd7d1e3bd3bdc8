import type { AckError } from '@livechat/protocol';

/**
 * A message the user sent that the server has not confirmed yet, for optimistic UIs. While `sending`,
 * the client keeps retrying with the same `clientId`; `failed` waits for the user to retry or discard.
 * Once confirmed it leaves this list and is in the room's messages (its "sent" state).
 */
export interface PendingMessage {
  clientId: string;
  roomId: string;
  body: string;
  replyTo: string | null;
  state: 'sending' | 'failed';
  /** Why the last attempt failed (also while still retrying). */
  error: AckError | null;
  attempts: number;
  /** When the user sent it, on this machine's clock. */
  createdAt: string;
}

/** The pending messages of every room, each room's list in the order the user sent them. */
export class PendingSends {
  readonly #rooms = new Map<string, Map<string, PendingMessage>>();
  readonly #lists = new Map<string, readonly PendingMessage[]>();
  readonly #onChange: (roomId: string) => void;

  constructor(onChange: (roomId: string) => void) {
    this.#onChange = onChange;
  }

  add(message: Omit<PendingMessage, 'state' | 'error' | 'attempts' | 'createdAt'>): PendingMessage {
    const pending: PendingMessage = {
      ...message,
      state: 'sending',
      error: null,
      attempts: 0,
      createdAt: new Date().toISOString(),
    };
    this.#room(message.roomId).set(message.clientId, pending);
    this.#changed(message.roomId);
    return pending;
  }

  get(roomId: string, clientId: string): PendingMessage | undefined {
    return this.#rooms.get(roomId)?.get(clientId);
  }

  /** Replaces fields of a pending message; does nothing if it is gone (confirmed or discarded meanwhile). */
  update(
    roomId: string,
    clientId: string,
    patch: Partial<Pick<PendingMessage, 'state' | 'error' | 'attempts'>>,
  ): void {
    const current = this.get(roomId, clientId);
    if (!current) return;
    this.#room(roomId).set(clientId, { ...current, ...patch });
    this.#changed(roomId);
  }

  /** Removes it (confirmed, or discarded); true if it was there. */
  remove(roomId: string, clientId: string): boolean {
    const removed = this.#rooms.get(roomId)?.delete(clientId) ?? false;
    if (removed) this.#changed(roomId);
    return removed;
  }

  /** The room's pending messages; the same array until the next change, so UIs can compare by identity. */
  list(roomId: string): readonly PendingMessage[] {
    let list = this.#lists.get(roomId);
    if (!list) {
      list = [...(this.#rooms.get(roomId)?.values() ?? [])];
      this.#lists.set(roomId, list);
    }
    return list;
  }

  #room(roomId: string): Map<string, PendingMessage> {
    let room = this.#rooms.get(roomId);
    if (!room) this.#rooms.set(roomId, (room = new Map<string, PendingMessage>()));
    return room;
  }

  #changed(roomId: string): void {
    this.#lists.delete(roomId);
    this.#onChange(roomId);
  }
}
