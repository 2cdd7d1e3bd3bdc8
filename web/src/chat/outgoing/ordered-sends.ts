import { newClientId, type ChatClient } from '@livechat/client';
import type { Message, QuotedMessage } from '@livechat/protocol';
import type { ChatState } from '../chat-state';
import { addOutgoing, removeOutgoing } from './outgoing-messages';

/**
 * Own messages, sent in the order they were typed. The client library sends each message as soon as it is
 * handed one, so two typed in quick succession could race and be stored in the other order; here a room
 * has one send in flight, and the next waits in the snapshot's `queued` (shown as pending meanwhile).
 * Each message keeps the clientId chosen when it was typed, from the queue to the stored row.
 */
export class OrderedSends {
  /** The quote of each own message sent as a reply (the library keeps only the parent's id). */
  readonly quotes = new Map<string, QuotedMessage>();
  private readonly sending = new Set<string>();
  /** The clientId the library's next send takes (it asks through `createClientId`). */
  private nextClientId: string | null = null;

  constructor(
    private readonly state: ChatState,
    private readonly onStored: (message: Message) => void,
  ) {}

  /** For the client's `createClientId` option. */
  readonly clientIdForNextSend = (): string => this.nextClientId ?? newClientId();

  send(client: ChatClient, roomId: string, body: string, replyTo: QuotedMessage | null): void {
    const clientId = newClientId();
    if (replyTo) this.quotes.set(clientId, replyTo);
    this.state.setQueued(roomId, addOutgoing(this.queued(roomId), clientId, body, replyTo));
    this.pump(client, roomId);
  }

  /** Sends a failed message again with its clientId: stored once, even if the first attempt got through. */
  retry(client: ChatClient, roomId: string, clientId: string): void {
    client.retrySend(roomId, clientId).then(this.onStored, () => undefined);
  }

  discard(client: ChatClient, roomId: string, clientId: string): void {
    client.discardSend(roomId, clientId);
    this.quotes.delete(clientId);
  }

  private queued(roomId: string) {
    return this.state.get().queued.get(roomId) ?? [];
  }

  /** Hands the room's next typed message to the client library, once the previous one is settled. */
  private pump(client: ChatClient, roomId: string): void {
    const [next] = this.queued(roomId);
    if (!next || this.sending.has(roomId)) return;
    this.sending.add(roomId);
    this.nextClientId = next.clientId;
    const sent = client.send(roomId, next.body, next.replyTo ? { replyTo: next.replyTo.id } : {});
    this.nextClientId = null;
    // Now the library's pending message (same clientId, so the same row): sending, then sent or failed.
    this.state.setQueued(roomId, removeOutgoing(this.queued(roomId), next.clientId));
    sent
      .then(this.onStored, () => undefined)
      .finally(() => {
        this.sending.delete(roomId);
        this.pump(client, roomId);
      });
  }
}
