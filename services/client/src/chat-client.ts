import {
  TYPING_THROTTLE_MS,
  type ApiEventName,
  type ErrorCode,
  type Message,
  type PresenceEvent,
  type ReadMarker,
  type ServerEventPayload,
  type TypingEvent,
} from '@livechat/protocol';
import type { ManagerOptions, SocketOptions } from 'socket.io-client';
import { AckRefusedError } from './ack-refused-error.js';
import { ApiRequestError, createApiClient, type ApiClient } from './api-client.js';
import { ListenerSet } from './listener-set.js';
import { MessageSender } from './message-sender.js';
import { PendingSends, type PendingMessage } from './pending-sends.js';
import { withRetry, type RetryOptions } from './retry-policy.js';
import { RoomSync, type RoomChange, type RoomSource } from './room-sync.js';
import { SocketConnection, type ChatSocket, type ConnectionState } from './socket-connection.js';
import { tokenSubject } from './token-claims.js';
import type { AccessTokenSource } from './token-keeper.js';

export interface ChatClientOptions {
  /** API origin, e.g. `http://127.0.0.1:3000`; '' for the page's own origin. */
  baseUrl: string;
  /** Gateway origin. @default baseUrl */
  socketUrl?: string;
  /** @default '/socket.io' */
  socketPath?: string;
  /** Where the access token comes from: a {@link TokenKeeper}, or the app's own session store. */
  session: AccessTokenSource;
  /** For Node: a `fetch` that keeps the refresh cookie (see `withCookieJar`). */
  fetch?: typeof fetch;
  /** Extra headers on every REST request (Node clients set `origin`). */
  headers?: () => Record<string, string>;
  /** Extra Socket.IO options (Node clients set `extraHeaders: { origin }`). */
  socketOptions?: Partial<ManagerOptions & SocketOptions>;
  /** Messages per history page. @default 50 */
  historyPageSize?: number;
  /** Changes per catch-up page. @default 100 */
  changesPageSize?: number;
  /** How long a gap may stay open before it is fetched. @default 250 */
  gapGraceMs?: number;
  /** Retries of sends and of catch-up reads after network failures, 5xx and 429. */
  retry?: RetryOptions;
  /** @default crypto.randomUUID */
  createClientId?: () => string;
  /** Connect at once. @default true */
  connect?: boolean;
}

/** A room as the app shows it: confirmed messages in seq order, then the user's own still pending. */
export interface RoomSnapshot {
  roomId: string;
  messages: readonly Message[];
  pending: readonly PendingMessage[];
  hasOlder: boolean;
}

/**
 * Why a room's snapshot changed: loaded, updated, reset (reloaded from its latest page: the client was too
 * far behind, so scroll positions are void), pending (own messages' states), closed (no longer readable).
 */
export type RoomViewChange = RoomChange | 'pending' | 'closed';

/** Every event the API publishes, as `{ name, payload }`: for room lists, unread counts, members. */
export type RoomEvent = { [N in ApiEventName]: { name: N; payload: ServerEventPayload<N> } }[ApiEventName];

type MessageEventName = 'message:new' | 'message:edited' | 'message:deleted';

/**
 * The realtime client every LiveChat front end uses (web app, tests, load tests; Node and browsers).
 * Receives over the socket, reads and writes over REST, and keeps each open room equal to the server:
 * every message once, in seq order, edits and deletions applied — across reconnects, resyncs and gaps.
 */
export class ChatClient {
  /** Typed REST calls as the signed-in user (a lapsed token is refreshed once and the call repeated). */
  readonly api: ApiClient;
  readonly #options: ChatClientOptions;
  readonly #connection: SocketConnection;
  readonly #abort = new AbortController();
  readonly #rooms = new Map<string, RoomSync>();
  readonly #pending: PendingSends;
  readonly #sender: MessageSender;
  readonly #snapshots = new Map<
    string,
    { version: number; pending: readonly PendingMessage[]; value: RoomSnapshot }
  >();
  readonly #roomListeners = new Map<string, ListenerSet<[RoomSnapshot, RoomViewChange]>>();
  readonly #roomEvents = new ListenerSet<[RoomEvent]>();
  readonly #presence = new ListenerSet<[PresenceEvent]>();
  readonly #typing = new ListenerSet<[TypingEvent]>();
  readonly #sessionEnded = new ListenerSet<[ErrorCode]>();
  readonly #typingSentAt = new Map<string, number>();

  constructor(options: ChatClientOptions) {
    this.#options = options;
    const { session } = options;
    this.api = createApiClient({
      baseUrl: options.baseUrl,
      getToken: () => session.token(),
      renewToken: () => session.refresh(),
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.headers ? { headers: options.headers } : {}),
    });
    this.#pending = new PendingSends((roomId) => this.#emitRoom(roomId, 'pending'));
    this.#sender = new MessageSender({
      pending: this.#pending,
      post: (roomId, body) => this.api.call('sendMessage', { params: { id: roomId }, body }),
      onSent: (message) => this.#applyMessage(message),
      signal: this.#abort.signal,
      ...(options.retry ? { retry: options.retry } : {}),
      ...(options.createClientId ? { createClientId: options.createClientId } : {}),
    });
    this.#connection = new SocketConnection({
      url: options.socketUrl ?? options.baseUrl,
      session,
      ...(options.socketPath ? { path: options.socketPath } : {}),
      ...(options.socketOptions ? { socketOptions: options.socketOptions } : {}),
    });
    this.#listen(this.#connection.socket);
    if (options.connect !== false) this.connect();
  }

  get connectionState(): ConnectionState {
    return this.#connection.state;
  }

  /** Opens the socket (done by the constructor unless `connect: false`). */
  connect(): void {
    this.#connection.connect();
  }

  /** Resolves once the gateway has subscribed the socket to its rooms; rejects if the session ends first. */
  connected(): Promise<void> {
    if (this.connectionState === 'connected') return Promise.resolve();
    if (this.connectionState === 'offline') return Promise.reject(new Error('chat client is offline'));
    return new Promise((resolve, reject) => {
      const stop = [
        this.#connection.onReady(() => done(resolve)),
        this.#connection.onEnded((code) => done(() => reject(new Error(`session ended: ${code}`)))),
      ];
      const done = (settle: () => void) => {
        for (const unsubscribe of stop) unsubscribe();
        settle();
      };
    });
  }

  /** Starts keeping a room in sync: loads its latest page and follows it. Idempotent. */
  async openRoom(roomId: string): Promise<RoomSnapshot> {
    let sync = this.#rooms.get(roomId);
    if (!sync) {
      sync = new RoomSync(roomId, {
        source: this.#source,
        onChange: (change) => this.#emitRoom(roomId, change),
        onError: (error) => this.#onRoomError(roomId, error),
        ...(this.#options.historyPageSize ? { historyPageSize: this.#options.historyPageSize } : {}),
        ...(this.#options.changesPageSize ? { changesPageSize: this.#options.changesPageSize } : {}),
        ...(this.#options.gapGraceMs !== undefined ? { gapGraceMs: this.#options.gapGraceMs } : {}),
      });
      this.#rooms.set(roomId, sync);
    }
    try {
      await sync.open();
    } catch (error) {
      this.#onRoomError(roomId, error);
      throw error;
    }
    const snapshot = this.snapshot(roomId);
    if (!snapshot) throw new Error(`room ${roomId} was closed while it opened`);
    return snapshot;
  }

  /** Stops following a room (its events still reach {@link onRoomEvent}). */
  closeRoom(roomId: string): void {
    this.#rooms.get(roomId)?.close();
    this.#rooms.delete(roomId);
    this.#snapshots.delete(roomId);
  }

  /** The room as the app shows it, or null when not open; the same object until it changes. */
  snapshot(roomId: string): RoomSnapshot | null {
    const timeline = this.#rooms.get(roomId)?.timeline;
    if (!timeline) return null;
    const pending = this.#pending.list(roomId);
    const cached = this.#snapshots.get(roomId);
    if (cached && cached.version === timeline.version && cached.pending === pending) return cached.value;
    const value = { roomId, messages: timeline.messages, pending, hasOlder: timeline.hasOlder };
    this.#snapshots.set(roomId, { version: timeline.version, pending, value });
    return value;
  }

  /** Loads the page before the oldest message shown; resolves with whether still older ones exist. */
  loadOlder(roomId: string): Promise<boolean> {
    return this.#rooms.get(roomId)?.loadOlder() ?? Promise.resolve(false);
  }

  /** Fetches whatever the open rooms miss (done by itself on reconnect, resync and gaps). */
  async resync(): Promise<void> {
    await Promise.all([...this.#rooms.values()].map((sync) => sync.catchUp()));
  }

  /**
   * Sends a message: pending at once, retried with the same `clientId` on network errors, 5xx and 429,
   * failed on a refusal. Resolves with the stored message.
   */
  send(roomId: string, body: string, options: { replyTo?: string } = {}): Promise<Message> {
    // Others stop showing me as typing when the message arrives: the next keystroke announces me again.
    this.#typingSentAt.delete(roomId);
    return this.#sender.send(roomId, body, options.replyTo ?? null);
  }

  /** Sends a failed message again, with its original `clientId`. */
  retrySend(roomId: string, clientId: string): Promise<Message> {
    return this.#sender.retry(roomId, clientId);
  }

  /** Forgets a failed message. */
  discardSend(roomId: string, clientId: string): boolean {
    return this.#sender.discard(roomId, clientId);
  }

  /** Edits one of my messages (safe to repeat, so retried like a send). */
  async editMessage(roomId: string, messageId: string, body: string): Promise<Message> {
    const message = await this.#retrying(() =>
      this.api.call('editMessage', { params: { id: roomId, messageId }, body: { body } }),
    );
    this.#applyMessage(message);
    return message;
  }

  /** Deletes one of my messages, leaving a tombstone. */
  async deleteMessage(roomId: string, messageId: string): Promise<Message> {
    const message = await this.#retrying(() =>
      this.api.call('deleteMessage', { params: { id: roomId, messageId } }),
    );
    this.#applyMessage(message);
    return message;
  }

  /** Moves my read marker forward (every device of mine hears `read:updated`). */
  markRead(roomId: string, seq: number): Promise<ReadMarker> {
    return this.api.call('markRead', { params: { id: roomId }, body: { seq } });
  }

  /** Says "I am typing" in a room; call it on every keystroke, it is sent at most every TYPING_THROTTLE_MS. */
  startTyping(roomId: string): void {
    const now = Date.now();
    if (now - (this.#typingSentAt.get(roomId) ?? 0) < TYPING_THROTTLE_MS) return;
    if (!this.#connection.socket.connected) return;
    this.#typingSentAt.set(roomId, now);
    this.#connection.socket.emit('typing:start', { roomId }, () => undefined);
  }

  /** Which of these users are online now. */
  queryPresence(userIds: string[]): Promise<string[]> {
    return new Promise((resolve, reject) => {
      this.#connection.socket.timeout(10_000).emit('presence:query', { userIds }, (error, ack) => {
        if (error) reject(error);
        else if (!ack.ok) reject(new AckRefusedError(ack.error));
        else resolve(ack.data.online);
      });
    });
  }

  /** Called with the room's snapshot after every change of it. */
  onMessages(roomId: string, listener: (snapshot: RoomSnapshot, change: RoomViewChange) => void): () => void {
    let listeners = this.#roomListeners.get(roomId);
    if (!listeners) this.#roomListeners.set(roomId, (listeners = new ListenerSet()));
    return listeners.add(listener);
  }

  onRoomEvent(listener: (event: RoomEvent) => void): () => void {
    return this.#roomEvents.add(listener);
  }

  /**
   * People sharing a room with this user came online or went offline: apply every entry of `changes`
   * (the gateway batches a short window per room, so one event may carry many people).
   */
  onPresence(listener: (event: PresenceEvent) => void): () => void {
    return this.#presence.add(listener);
  }

  /** A member is typing; hide it after TYPING_EXPIRY_MS unless another arrives. */
  onTyping(listener: (event: TypingEvent) => void): () => void {
    return this.#typing.add(listener);
  }

  /** `connected` also follows every reconnect: a good moment for the app to reload its room list. */
  onConnectionState(listener: (state: ConnectionState) => void): () => void {
    return this.#connection.onState(listener);
  }

  /** The session is over (revoked, expired, refused): sign in again. */
  onSessionEnded(listener: (code: ErrorCode) => void): () => void {
    return this.#sessionEnded.add(listener);
  }

  /** Disconnects, stops every retry and forgets every listener. */
  close(): void {
    this.#abort.abort(new DOMException('chat client closed', 'AbortError'));
    for (const roomId of [...this.#rooms.keys()]) this.closeRoom(roomId);
    this.#connection.close();
    for (const listeners of [this.#roomEvents, this.#presence, this.#typing, this.#sessionEnded])
      listeners.clear();
    this.#roomListeners.clear();
  }

  /** The REST reads of room sync, retried like sends (they are reads: always safe to repeat). */
  readonly #source: RoomSource = {
    revision: async (roomId) =>
      (await this.#retrying(() => this.api.call('getRoom', { params: { id: roomId } }))).room.revision,
    history: (roomId, query) =>
      this.#retrying(() => this.api.call('history', { params: { id: roomId }, query })),
    changes: (roomId, query) =>
      this.#retrying(() => this.api.call('changes', { params: { id: roomId }, query })),
  };

  #retrying<T>(work: () => Promise<T>): Promise<T> {
    return withRetry(work, { ...this.#options.retry, signal: this.#abort.signal });
  }

  #listen(socket: ChatSocket): void {
    socket.on('message:new', (payload) => this.#onMessageEvent({ name: 'message:new', payload }));
    socket.on('message:edited', (payload) => this.#onMessageEvent({ name: 'message:edited', payload }));
    socket.on('message:deleted', (payload) => this.#onMessageEvent({ name: 'message:deleted', payload }));
    socket.on('room:created', (payload) => this.#roomEvents.emit({ name: 'room:created', payload }));
    socket.on('read:updated', (payload) => this.#roomEvents.emit({ name: 'read:updated', payload }));
    socket.on('notifications:updated', (payload) =>
      this.#roomEvents.emit({ name: 'notifications:updated', payload }),
    );
    socket.on('room:renamed', (payload) => {
      this.#rooms.get(payload.roomId)?.observe(payload);
      this.#roomEvents.emit({ name: 'room:renamed', payload });
    });
    socket.on('member:added', (payload) => {
      this.#rooms.get(payload.roomId)?.observe(payload);
      this.#roomEvents.emit({ name: 'member:added', payload });
    });
    socket.on('member:role-changed', (payload) => {
      this.#rooms.get(payload.roomId)?.observe(payload);
      this.#roomEvents.emit({ name: 'member:role-changed', payload });
    });
    socket.on('member:removed', (payload) => {
      if (payload.userId === this.#me()) this.#lose(payload.roomId);
      else this.#rooms.get(payload.roomId)?.observe(payload);
      this.#roomEvents.emit({ name: 'member:removed', payload });
    });
    socket.on('room:deleted', (payload) => {
      this.#lose(payload.roomId);
      this.#roomEvents.emit({ name: 'room:deleted', payload });
    });
    socket.on('presence', (payload) => this.#presence.emit(payload));
    socket.on('typing', (payload) => this.#typing.emit(payload));
    // After a reconnect (`ready`) or a gateway's Redis outage (`resync`), events may have been missed.
    socket.on('resync', () => void this.resync());
    this.#connection.onReady(() => void this.resync());
    this.#connection.onEnded((code) => this.#sessionEnded.emit(code));
  }

  #onMessageEvent(roomEvent: Extract<RoomEvent, { name: MessageEventName }>): void {
    const { name, payload: event } = roomEvent;
    const changed = this.#rooms.get(event.roomId)?.applyEvent(event) ?? false;
    // My own message, confirmed by its event before the answer to the send arrived.
    const mine = event.message.sender.id === (this.#me() ?? event.message.sender.id);
    if (name === 'message:new' && mine) this.#pending.remove(event.roomId, event.message.clientId);
    if (changed) this.#emitRoom(event.roomId, 'updated');
    this.#roomEvents.emit(roomEvent);
  }

  #applyMessage(message: Message): void {
    if (this.#rooms.get(message.roomId)?.applyMessage(message)) this.#emitRoom(message.roomId, 'updated');
  }

  #onRoomError(roomId: string, error: unknown): void {
    // Not a member any more, or the room is gone: stop following it. Anything else is retried later.
    if (error instanceof ApiRequestError && (error.status === 403 || error.status === 404))
      this.#lose(roomId);
  }

  /** The room can no longer be read: tell its listeners, then forget it. */
  #lose(roomId: string): void {
    const snapshot = this.snapshot(roomId);
    if (!this.#rooms.has(roomId)) return;
    this.closeRoom(roomId);
    if (snapshot) this.#roomListeners.get(roomId)?.emit(snapshot, 'closed');
  }

  #emitRoom(roomId: string, change: RoomViewChange): void {
    const snapshot = this.snapshot(roomId);
    if (snapshot) this.#roomListeners.get(roomId)?.emit(snapshot, change);
  }

  #me(): string | null {
    return tokenSubject(this.#options.session.token());
  }
}

/** Creates a {@link ChatClient} and connects it. */
export function createChatClient(options: ChatClientOptions): ChatClient {
  return new ChatClient(options);
}
