import { ApiRequestError, newClientId, type ChatClient } from '@livechat/client';
import type { Message, QuotedMessage } from '@livechat/protocol';
import type { ChatState } from '../chat-state';
import type { OutgoingMessage } from '../timeline/message-view';
import { addOutgoing, removeOutgoing } from './outgoing-messages';

/** Where own messages are kept until the server has them (the device's outbox, src/offline/outbox.ts). */
export interface OutboxWriter {
  add(roomId: string, message: OutgoingMessage): void;
  remove(clientId: string): void;
}

/** An outgoing message as the outbox gives it back after a reload. */
export type RestoredMessage = Pick<OutgoingMessage, 'clientId' | 'body' | 'replyTo' | 'createdAt'> & {
  roomId: string;
};

const NO_OUTBOX: OutboxWriter = { add: () => undefined, remove: () => undefined };

/**
 * Own messages, sent in the order they were typed. The client library sends each message as soon as it is
 * handed one, so two typed in quick succession could race and be stored in the other order; here a room
 * has one send in flight, and the next waits in the snapshot's `queued` (shown as pending meanwhile).
 * Each message keeps the clientId chosen when it was typed, from the queue to the stored row — also
 * across a reload: every message is in the outbox from the keystroke until the server has stored it.
 *
 * While the connection is down the queue is paused (messages typed then wait, pending), and a send that
 * could not reach the server goes back to the head of its room's queue instead of failing; both go out,
 * in order, when it resumes. Resending the same clientId is safe: the API stores one message per clientId.
 */
export class OrderedSends {
  /** The quote of each own message sent as a reply (the library keeps only the parent's id). */
  readonly quotes = new Map<string, QuotedMessage>();
  private readonly sending = new Set<string>();
  /** The clientId the library's next send takes (it asks through `createClientId`). */
  private nextClientId: string | null = null;
  private paused = false;

  constructor(
    private readonly state: ChatState,
    private readonly onStored: (message: Message) => void,
    private readonly outbox: OutboxWriter = NO_OUTBOX,
  ) {}

  /** For the client's `createClientId` option. */
  readonly clientIdForNextSend = (): string => this.nextClientId ?? newClientId();

  send(client: ChatClient, roomId: string, body: string, replyTo: QuotedMessage | null): void {
    const clientId = newClientId();
    if (replyTo) this.quotes.set(clientId, replyTo);
    const queued = addOutgoing(this.queued(roomId), clientId, body, replyTo);
    this.state.setQueued(roomId, queued);
    this.outbox.add(roomId, queued[queued.length - 1]!);
    this.pump(client, roomId);
  }

  /** Sends a failed message again with its clientId: stored once, even if the first attempt got through. */
  retry(client: ChatClient, roomId: string, clientId: string): void {
    client.retrySend(roomId, clientId).then(this.stored, () => undefined);
  }

  discard(client: ChatClient, roomId: string, clientId: string): void {
    if (client.discardSend(roomId, clientId)) this.outbox.remove(clientId);
    this.quotes.delete(clientId);
  }

  /** Puts back what the outbox held at the last reload (typed order kept), and sends it when not paused. */
  restore(client: ChatClient, messages: readonly RestoredMessage[]): void {
    const rooms = new Set<string>();
    for (const { roomId, ...message } of [...messages].sort((a, b) =>
      a.createdAt.localeCompare(b.createdAt),
    )) {
      const queued = this.queued(roomId);
      const known = client.snapshot(roomId)?.pending.some((p) => p.clientId === message.clientId);
      if (known || queued.some((q) => q.clientId === message.clientId)) continue;
      if (message.replyTo) this.quotes.set(message.clientId, message.replyTo);
      this.state.setQueued(roomId, sortedByTime([...queued, { ...message, status: 'pending' }]));
      rooms.add(roomId);
    }
    for (const roomId of rooms) this.pump(client, roomId);
  }

  /** The connection is down: hand nothing more to the library (it would fail after its retries). */
  pause(): void {
    this.paused = true;
  }

  /** The connection is back: send what waited, room by room in typed order. */
  resume(client: ChatClient): void {
    this.paused = false;
    for (const roomId of this.state.get().queued.keys()) this.pump(client, roomId);
  }

  private readonly stored = (message: Message): void => {
    this.outbox.remove(message.clientId);
    this.onStored(message);
  };

  private queued(roomId: string) {
    return this.state.get().queued.get(roomId) ?? [];
  }

  /** Hands the room's next typed message to the client library, once the previous one is settled. */
  private pump(client: ChatClient, roomId: string): void {
    const [next] = this.queued(roomId);
    if (!next || this.paused || this.sending.has(roomId)) return;
    this.sending.add(roomId);
    this.nextClientId = next.clientId;
    const sent = client.send(roomId, next.body, next.replyTo ? { replyTo: next.replyTo.id } : {});
    this.nextClientId = null;
    // Now the library's pending message (same clientId, so the same row): sending, then sent or failed.
    this.state.setQueued(roomId, removeOutgoing(this.queued(roomId), next.clientId));
    sent
      .then(this.stored, (error: unknown) => {
        if (!unreachable(error) || !client.discardSend(roomId, next.clientId)) return;
        this.state.setQueued(roomId, [next, ...this.queued(roomId)]);
      })
      .finally(() => {
        this.sending.delete(roomId);
        this.pump(client, roomId);
      });
  }
}

/** No answer from the server at all, or the proxy's "not reachable right now" (503). */
function unreachable(error: unknown): boolean {
  if (error instanceof ApiRequestError) return error.code === 'unavailable';
  return !(error instanceof Error && error.name === 'AbortError');
}

function sortedByTime(list: readonly OutgoingMessage[]): OutgoingMessage[] {
  return [...list].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}
