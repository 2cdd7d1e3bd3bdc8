import {
  ApiRequestError,
  ChatClient,
  newClientId,
  type RoomEvent,
  type RoomSnapshot,
} from '@livechat/client';
import {
  TYPING_EXPIRY_MS,
  type Member,
  type Message,
  type PublicUser,
  type QuotedMessage,
  type RoomSummary,
  type TypingEvent,
} from '@livechat/protocol';
import { toFormErrors } from '../forms/problem-to-form-errors';
import type { SessionStore } from '../session/session-store';
import { INITIAL_SNAPSHOT, withEntry, type ChatSnapshot, type RoomLoad } from './chat-snapshot';
import { addOutgoing, removeOutgoing } from './outgoing/outgoing-messages';
import { applyMessageChange, applyReadMarker } from './rooms/room-summary-updates';
import { readUpTo } from './timeline/unread';

const IDLE_LOAD: RoomLoad = { loading: false, loadingOlder: false, error: null };
const READ_DELAY_MS = 250;

/**
 * The chat as this tab knows it: rooms (sidebar), open rooms, own messages on their way, members, presence,
 * typing and the connection, as one immutable snapshot that screens read with `useChat`.
 *
 * The client library's `ChatClient` does the realtime work — socket, catch-up, each room's messages once and
 * in order, sends retried with their clientId. This store adds what is the app's: the room list and its
 * unread arithmetic, members and presence, the read marker of the room on screen, and keeping a room's own
 * messages in the order they were typed (one send in flight per room; the next waits in `queued`).
 */
export class ChatStore {
  readonly client: ChatClient;
  private snapshot: ChatSnapshot = INITIAL_SNAPSHOT;
  private readonly listeners = new Set<() => void>();
  private readonly stops: (() => void)[] = [];
  private readonly roomStops = new Map<string, () => void>();
  /** The quote of each own message sent as a reply (the library keeps only the parent's id). */
  readonly quotes = new Map<string, QuotedMessage>();
  private readonly sending = new Set<string>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** The clientId the next `client.send` takes: chosen when typed, so the row keeps its key throughout. */
  private nextClientId: string | null = null;
  private viewing: string | null = null;
  private everConnected = false;

  constructor(
    private readonly session: SessionStore,
    readonly me: PublicUser,
  ) {
    this.client = new ChatClient({
      baseUrl: '',
      session,
      connect: false,
      // Fewer round trips when paging back through a long history; the list renders only what is visible.
      historyPageSize: 100,
      createClientId: () => this.nextClientId ?? newClientId(),
    });
  }

  getSnapshot = (): ChatSnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Connects, loads the rooms, and follows events; returns what stops it all. */
  start(): () => void {
    const { client } = this;
    this.stops.push(
      client.onRoomEvent((event) => this.onRoomEvent(event)),
      client.onPresence(({ userId, online }) => this.setOnline([userId], online)),
      client.onTyping((event) => this.onTyping(event)),
      client.onConnectionState((state) => this.onConnectionState(state)),
      client.onSessionEnded(() => this.session.signOut('You were logged out. Log in again to continue.')),
    );
    client.connect();
    void this.loadRooms();
    return () => {
      for (const stop of [...this.stops, ...this.roomStops.values()]) stop();
      for (const timer of this.timers.values()) clearTimeout(timer);
      client.close();
    };
  }

  async loadRooms(): Promise<void> {
    try {
      const { rooms } = await this.client.api.call('listRooms');
      this.update({ status: 'ready', rooms: new Map(rooms.map((room) => [room.id, room])) });
    } catch {
      if (this.snapshot.status === 'loading') this.update({ status: 'failed' });
    }
  }

  /** The room on screen: its new messages count as read while the page is visible. */
  setViewing(roomId: string | null): void {
    this.viewing = roomId;
    if (roomId) this.scheduleMarkRead(roomId);
  }

  // ---- open rooms ----

  /** Starts following a room: its latest page, its members and who of them is online. */
  async openRoom(roomId: string): Promise<void> {
    if (this.roomStops.has(roomId)) return;
    this.roomStops.set(
      roomId,
      this.client.onMessages(roomId, (view, change) => {
        if (change === 'closed') this.forgetRoom(roomId);
        else this.setView(roomId, view);
      }),
    );
    this.setLoad(roomId, { ...IDLE_LOAD, loading: true });
    try {
      const [view, detail] = await Promise.all([
        this.client.openRoom(roomId),
        this.client.api.call('getRoom', { params: { id: roomId } }),
      ]);
      this.setView(roomId, view);
      this.putRoom(detail.room);
      this.setMembers(roomId, detail.members);
      this.setLoad(roomId, IDLE_LOAD);
      void this.refreshPresence(detail.members.map((m) => m.user.id));
    } catch (error) {
      this.roomStops.get(roomId)?.();
      this.roomStops.delete(roomId);
      this.setLoad(roomId, { ...IDLE_LOAD, error: toFormErrors(error, []).form });
    }
  }

  /** Loads the page before the oldest message shown, unless one is on its way or there is none. */
  async loadOlder(roomId: string): Promise<void> {
    const load = this.snapshot.loads.get(roomId) ?? IDLE_LOAD;
    if (!this.snapshot.views.get(roomId)?.hasOlder || load.loading || load.loadingOlder) return;
    this.setLoad(roomId, { ...load, loadingOlder: true });
    try {
      await this.client.loadOlder(roomId);
      this.setLoad(roomId, IDLE_LOAD);
    } catch (error) {
      this.setLoad(roomId, { ...IDLE_LOAD, error: toFormErrors(error, []).form });
    }
  }

  /** Loads older pages until `seq` is shown (jump to a quoted message or to the first unread). */
  async loadThrough(roomId: string, seq: number): Promise<void> {
    for (;;) {
      const view = this.snapshot.views.get(roomId);
      const oldest = view?.messages[0]?.seq;
      if (!view?.hasOlder || oldest === undefined || oldest <= seq) return;
      this.setLoad(roomId, { ...IDLE_LOAD, loadingOlder: true });
      try {
        await this.client.loadOlder(roomId);
      } catch (error) {
        this.setLoad(roomId, { ...IDLE_LOAD, error: toFormErrors(error, []).form });
        return;
      }
      this.setLoad(roomId, IDLE_LOAD);
    }
  }

  // ---- own messages ----

  /** Shows the message at once and sends it once the room's earlier messages are stored (order kept). */
  send(roomId: string, body: string, replyTo: QuotedMessage | null): void {
    const clientId = newClientId();
    if (replyTo) this.quotes.set(clientId, replyTo);
    this.setQueued(roomId, addOutgoing(this.snapshot.queued.get(roomId) ?? [], clientId, body, replyTo));
    this.pump(roomId);
  }

  /** Hands the room's next typed message to the client library, one at a time. */
  private pump(roomId: string): void {
    if (this.sending.has(roomId)) return;
    const [next] = this.snapshot.queued.get(roomId) ?? [];
    if (!next) return;
    this.sending.add(roomId);
    this.nextClientId = next.clientId;
    const sent = this.client.send(roomId, next.body, next.replyTo ? { replyTo: next.replyTo.id } : {});
    this.nextClientId = null;
    // Now the library's pending message: it shows from there (same key), as sending, then sent or failed.
    this.setQueued(roomId, removeOutgoing(this.snapshot.queued.get(roomId) ?? [], next.clientId));
    sent
      .then((message) => this.onOwnMessage(message, 'new'))
      .catch(() => undefined)
      .finally(() => {
        this.sending.delete(roomId);
        this.pump(roomId);
      });
  }

  /** Sends a failed message again with its clientId: stored once, even if the first attempt got through. */
  retry(roomId: string, clientId: string): void {
    this.client.retrySend(roomId, clientId).then(
      (message) => this.onOwnMessage(message, 'new'),
      () => undefined,
    );
  }

  discard(roomId: string, clientId: string): void {
    this.client.discardSend(roomId, clientId);
    this.quotes.delete(clientId);
  }

  async edit(roomId: string, messageId: string, body: string): Promise<void> {
    this.onOwnMessage(await this.client.editMessage(roomId, messageId, body), 'edited');
  }

  async deleteMessage(roomId: string, messageId: string): Promise<void> {
    this.onOwnMessage(await this.client.deleteMessage(roomId, messageId), 'deleted');
  }

  /** Tells the room I am typing (the library sends it at most every TYPING_THROTTLE_MS). */
  typing(roomId: string): void {
    this.client.startTyping(roomId);
  }

  /** The server's answer to my own change updates the sidebar like its event would (whichever comes first). */
  private onOwnMessage(message: Message, kind: 'new' | 'edited' | 'deleted'): void {
    const room = this.snapshot.rooms.get(message.roomId);
    if (!room) return;
    this.applySummaryChange(room, kind, {
      message,
      lastSeq: Math.max(room.lastSeq, message.seq),
      revision: message.revision,
    });
  }

  // ---- read markers ----

  private scheduleMarkRead(roomId: string): void {
    const key = `read:${roomId}`;
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => void this.markRead(roomId), READ_DELAY_MS),
    );
  }

  private isReading(roomId: string): boolean {
    return this.viewing === roomId && document.visibilityState === 'visible';
  }

  /** Moves my read marker to the newest message loaded in the room I am reading. */
  private async markRead(roomId: string): Promise<void> {
    const room = this.snapshot.rooms.get(roomId);
    const view = this.snapshot.views.get(roomId);
    if (!room || !view || !this.isReading(roomId)) return;
    const seq = readUpTo(view.messages, room.lastReadSeq);
    if (seq <= room.lastReadSeq && room.unreadCount === 0) return;
    try {
      this.onReadUpdated(await this.client.markRead(roomId, seq));
    } catch {
      // A marker that could not move now moves with the next message read; nothing is lost.
    }
  }

  private onReadUpdated(marker: { roomId: string; lastReadSeq: number; unreadCount: number }): void {
    const room = this.snapshot.rooms.get(marker.roomId);
    if (room) this.putRoom(applyReadMarker(room, marker.lastReadSeq, marker.unreadCount));
  }

  // ---- rooms and members ----

  async createRoom(name: string, memberIds: string[]): Promise<RoomSummary> {
    const room = await this.client.api.call('createRoom', { body: { name, memberIds } });
    this.putRoom(room);
    return room;
  }

  async renameRoom(roomId: string, name: string): Promise<void> {
    this.putRoom(await this.client.api.call('renameRoom', { params: { id: roomId }, body: { name } }));
  }

  async addMembers(roomId: string, userIds: string[]): Promise<void> {
    const { members } = await this.client.api.call('addMembers', {
      params: { id: roomId },
      body: { userIds },
    });
    this.setMembers(roomId, members);
    const room = this.snapshot.rooms.get(roomId);
    if (room) this.putRoom({ ...room, memberCount: members.length });
    void this.refreshPresence(userIds);
  }

  async removeMember(roomId: string, userId: string): Promise<void> {
    await this.client.api.call('removeMember', { params: { id: roomId, userId } });
    if (userId === this.me.id) this.forgetRoom(roomId);
    else this.onMemberRemoved(roomId, userId);
  }

  async deleteRoom(roomId: string): Promise<void> {
    await this.client.api.call('deleteRoom', { params: { id: roomId } });
    this.forgetRoom(roomId);
  }

  async searchUsers(q: string): Promise<PublicUser[]> {
    const { users } = await this.client.api.call('searchUsers', { query: { q, limit: 10 } });
    return users;
  }

  // ---- events ----

  /** Sidebar, members and read markers follow every event the API publishes. */
  private onRoomEvent(event: RoomEvent): void {
    switch (event.name) {
      case 'message:new':
      case 'message:edited':
      case 'message:deleted': {
        const { payload } = event;
        if (event.name === 'message:new') this.clearTyping(payload.roomId, payload.message.sender.id);
        const room = this.snapshot.rooms.get(payload.roomId);
        const kind =
          event.name === 'message:new' ? 'new' : event.name === 'message:edited' ? 'edited' : 'deleted';
        if (room) this.applySummaryChange(room, kind, payload);
        return;
      }
      case 'room:created':
        if (!this.snapshot.rooms.has(event.payload.room.id)) this.putRoom(event.payload.room);
        return;
      case 'room:renamed': {
        const room = this.snapshot.rooms.get(event.payload.roomId);
        if (room) this.putRoom({ ...room, name: event.payload.name });
        return;
      }
      case 'room:deleted':
        this.forgetRoom(event.payload.roomId);
        return;
      case 'member:added':
        this.onMemberAdded(event.payload.roomId, event.payload.member);
        return;
      case 'member:removed':
        if (event.payload.userId === this.me.id) this.forgetRoom(event.payload.roomId);
        else this.onMemberRemoved(event.payload.roomId, event.payload.userId);
        return;
      case 'read:updated':
        this.onReadUpdated(event.payload);
        return;
    }
  }

  private onConnectionState(state: ChatClient['connectionState']): void {
    if (state === 'connected') {
      const wasLost = this.everConnected && this.snapshot.connection === 'offline';
      this.everConnected = true;
      this.update({ connection: wasLost ? 'restored' : 'online' });
      // Events may have been missed while away: the room list (unread counts) and presence are read again;
      // the open rooms' messages are caught up by the client library.
      if (wasLost) void this.loadRooms();
      void this.refreshPresence([
        ...new Set([...this.snapshot.members.values()].flat().map((m) => m.user.id)),
      ]);
    } else if (state === 'reconnecting' || state === 'offline') {
      if (this.everConnected) this.update({ connection: 'offline' });
    }
  }

  /** Asks the gateway which of these people are online now. */
  private async refreshPresence(userIds: string[]): Promise<void> {
    if (userIds.length === 0 || this.client.connectionState !== 'connected') return;
    try {
      const online = new Set(await this.client.queryPresence(userIds.slice(0, 500)));
      const next = new Set(this.snapshot.online);
      for (const id of userIds) {
        if (online.has(id)) next.add(id);
        else next.delete(id);
      }
      this.update({ online: next });
    } catch {
      // Presence is a nicety: the next presence event corrects it.
    }
  }

  private setOnline(userIds: readonly string[], online: boolean): void {
    const next = new Set(this.snapshot.online);
    for (const id of userIds) {
      if (online) next.add(id);
      else next.delete(id);
    }
    this.update({ online: next });
  }

  private applySummaryChange(
    room: RoomSummary,
    kind: 'new' | 'edited' | 'deleted',
    change: { message: Message; lastSeq: number; revision: number },
  ): void {
    const reading = this.isReading(room.id);
    const result = applyMessageChange(room, kind, change, this.me.id, reading);
    if (result && 'room' in result) this.putRoom(result.room);
    else if (result) void this.refetchRoom(room.id);
    if (reading) this.scheduleMarkRead(room.id);
  }

  /** Reads one room's row again (after a gap): the server's unread count is exact. */
  private async refetchRoom(roomId: string): Promise<void> {
    try {
      const detail = await this.client.api.call('getRoom', { params: { id: roomId } });
      this.putRoom(detail.room);
      this.setMembers(roomId, detail.members);
    } catch (error) {
      if (error instanceof ApiRequestError && error.status === 404) this.forgetRoom(roomId);
    }
  }

  private onMemberAdded(roomId: string, member: Member): void {
    const members = this.snapshot.members.get(roomId);
    if (members && !members.some((m) => m.user.id === member.user.id))
      this.setMembers(roomId, [...members, member]);
    const room = this.snapshot.rooms.get(roomId);
    if (room) this.putRoom({ ...room, memberCount: members ? members.length + 1 : room.memberCount + 1 });
    void this.refreshPresence([member.user.id]);
  }

  private onMemberRemoved(roomId: string, userId: string): void {
    const members = this.snapshot.members.get(roomId);
    if (members)
      this.setMembers(
        roomId,
        members.filter((m) => m.user.id !== userId),
      );
    const room = this.snapshot.rooms.get(roomId);
    if (room) this.putRoom({ ...room, memberCount: Math.max(1, room.memberCount - 1) });
  }

  private onTyping(event: TypingEvent): void {
    if (event.userId === this.me.id) return;
    const others = (this.snapshot.typing.get(event.roomId) ?? []).filter((t) => t.userId !== event.userId);
    this.update({ typing: withEntry(this.snapshot.typing, event.roomId, [...others, event]) });
    const key = `typing:${event.roomId}:${event.userId}`;
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => this.clearTyping(event.roomId, event.userId), TYPING_EXPIRY_MS),
    );
  }

  private clearTyping(roomId: string, userId: string): void {
    const list = this.snapshot.typing.get(roomId);
    if (!list?.some((t) => t.userId === userId)) return;
    const rest = list.filter((t) => t.userId !== userId);
    this.update({ typing: withEntry(this.snapshot.typing, roomId, rest.length ? rest : undefined) });
  }

  // ---- state plumbing ----

  private forgetRoom(roomId: string): void {
    this.roomStops.get(roomId)?.();
    this.roomStops.delete(roomId);
    this.client.closeRoom(roomId);
    this.update({
      rooms: withEntry(this.snapshot.rooms, roomId, undefined),
      views: withEntry(this.snapshot.views, roomId, undefined),
      members: withEntry(this.snapshot.members, roomId, undefined),
      queued: withEntry(this.snapshot.queued, roomId, undefined),
    });
  }

  private setView(roomId: string, view: RoomSnapshot): void {
    if (this.snapshot.views.get(roomId) === view) return;
    this.update({ views: withEntry(this.snapshot.views, roomId, view) });
    if (this.isReading(roomId)) this.scheduleMarkRead(roomId);
  }

  private putRoom(room: RoomSummary): void {
    this.update({ rooms: withEntry(this.snapshot.rooms, room.id, room) });
  }

  private setMembers(roomId: string, members: readonly Member[]): void {
    this.update({ members: withEntry(this.snapshot.members, roomId, members) });
  }

  private setQueued(roomId: string, list: ReturnType<typeof addOutgoing>): void {
    this.update({ queued: withEntry(this.snapshot.queued, roomId, list.length ? list : undefined) });
  }

  private setLoad(roomId: string, load: RoomLoad): void {
    this.update({ loads: withEntry(this.snapshot.loads, roomId, load) });
  }

  private update(patch: Partial<ChatSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const listener of this.listeners) listener();
  }
}
