import { ApiRequestError, RoomTimeline, newClientId } from '@livechat/client';
import {
  TYPING_EXPIRY_MS,
  type Member,
  type Message,
  type PublicUser,
  type QuotedMessage,
  type RoomSummary,
  type ServerEventName,
  type ServerEventPayload,
} from '@livechat/protocol';
import { toFormErrors } from '../forms/problem-to-form-errors';
import type { SessionStore } from '../session/session-store';
import {
  INITIAL_SNAPSHOT,
  withEntry,
  type ChatSnapshot,
  type ConnectionState,
  type RoomLoad,
} from './chat-snapshot';
import { addOutgoing, markOutgoing, removeOutgoing } from './outgoing/outgoing-messages';
import { applyMessageChange, applyReadMarker } from './rooms/room-summary-updates';
import { readUpTo } from './timeline/unread';

const FIRST_PAGE = 50;
const OLDER_PAGE = 100;
const IDLE_LOAD: RoomLoad = { loading: false, loadingOlder: false, error: null };

/**
 * The chat as this tab knows it: rooms, the open rooms' timelines, own messages on their way, members,
 * presence, typing, and the connection. Screens read it through `useChat`; actions are REST calls through
 * the session; socket events arrive through `applyServerEvent` (typed by the protocol's SERVER_EVENTS).
 * Ordering, deduplication and catch-up of messages belong to the client library's `RoomTimeline`.
 */
export class ChatStore {
  private snapshot: ChatSnapshot = INITIAL_SNAPSHOT;
  private readonly listeners = new Set<() => void>();
  private readonly timelines = new Map<string, RoomTimeline>();
  private readonly sendChains = new Map<string, Promise<void>>();
  private readonly typingTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly readTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private viewing: string | null = null;

  constructor(
    private readonly session: SessionStore,
    readonly me: PublicUser,
  ) {}

  getSnapshot = (): ChatSnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The timeline of a room, once it was opened. */
  timeline(roomId: string): RoomTimeline | undefined {
    return this.timelines.get(roomId);
  }

  /** Loads the rooms; returns what stops the store when the chat screen goes away. */
  start(): () => void {
    this.loadRooms().then(
      () => this.setConnection('online'),
      () => this.setConnection('offline'),
    );
    return () => {
      for (const timer of [...this.typingTimers.values(), ...this.readTimers.values()]) clearTimeout(timer);
    };
  }

  /** Tells the room I am typing (throttled by the composer). */
  typing(_roomId: string): void {
    // Sent over the socket once the realtime client is connected.
  }

  async loadRooms(): Promise<void> {
    try {
      const { rooms } = await this.session.api.call('listRooms');
      this.update({ status: 'ready', rooms: new Map(rooms.map((room) => [room.id, room])) });
    } catch (error) {
      if (this.snapshot.status === 'loading') this.update({ status: 'failed' });
      throw error;
    }
  }

  setConnection(connection: ConnectionState): void {
    if (connection !== this.snapshot.connection) this.update({ connection });
  }

  /** The room on screen: its new messages count as read while the page is visible. */
  setViewing(roomId: string | null): void {
    this.viewing = roomId;
    if (roomId) this.scheduleMarkRead(roomId);
  }

  /** Loads a room's latest page and members the first time it is opened. */
  async openRoom(roomId: string): Promise<void> {
    if (this.timelines.has(roomId)) return;
    const room = this.snapshot.rooms.get(roomId);
    const timeline = new RoomTimeline(roomId, room?.revision ?? 0);
    this.timelines.set(roomId, timeline);
    this.setLoad(roomId, { loading: true, loadingOlder: false, error: null });
    try {
      const [detail, page] = await Promise.all([
        this.session.api.call('getRoom', { params: { id: roomId } }),
        this.session.api.call('history', { params: { id: roomId }, query: { limit: FIRST_PAGE } }),
      ]);
      timeline.applyHistory(page);
      this.putRoom(detail.room);
      this.update({ members: withEntry(this.snapshot.members, roomId, detail.members) });
      this.touchTimeline(roomId);
      this.setLoad(roomId, IDLE_LOAD);
      this.scheduleMarkRead(roomId);
    } catch (error) {
      this.timelines.delete(roomId);
      this.setLoad(roomId, { ...IDLE_LOAD, error: toFormErrors(error, []).form });
    }
  }

  /** Loads the page before the oldest message shown, unless one is on its way or there is none. */
  async loadOlder(roomId: string): Promise<void> {
    const timeline = this.timelines.get(roomId);
    const load = this.snapshot.loads.get(roomId) ?? IDLE_LOAD;
    if (!timeline || !timeline.hasOlder || load.loading || load.loadingOlder) return;
    const before = timeline.oldestSeq;
    if (before === null) return;
    this.setLoad(roomId, { ...load, loadingOlder: true });
    try {
      const page = await this.session.api.call('history', {
        params: { id: roomId },
        query: { before, limit: OLDER_PAGE },
      });
      if (timeline.applyHistory(page)) this.touchTimeline(roomId);
      this.setLoad(roomId, IDLE_LOAD);
    } catch (error) {
      this.setLoad(roomId, { ...IDLE_LOAD, error: toFormErrors(error, []).form });
    }
  }

  /** Loads older pages until `seq` is shown (jump to a quoted message or the first unread). */
  async loadThrough(roomId: string, seq: number): Promise<void> {
    for (;;) {
      const timeline = this.timelines.get(roomId);
      const oldest = timeline?.oldestSeq;
      if (!timeline || oldest === null || oldest === undefined || oldest <= seq || !timeline.hasOlder) return;
      const before = this.snapshot.loads.get(roomId)?.error;
      await this.loadOlder(roomId);
      if (this.snapshot.loads.get(roomId)?.error && !before) return;
    }
  }

  // ---- sending ----

  /** Shows the message at once as pending and sends it after the room's earlier sends (order is kept). */
  send(roomId: string, body: string, replyTo: QuotedMessage | null): void {
    const clientId = newClientId();
    this.setOutgoing(roomId, addOutgoing(this.outgoingOf(roomId), clientId, body, replyTo));
    this.enqueueSend(roomId, clientId);
  }

  /** Sends a failed message again with the same clientId: if the first attempt was stored after all, it is not duplicated. */
  retry(roomId: string, clientId: string): void {
    this.setOutgoing(roomId, markOutgoing(this.outgoingOf(roomId), clientId, 'pending'));
    this.enqueueSend(roomId, clientId);
  }

  discard(roomId: string, clientId: string): void {
    this.setOutgoing(roomId, removeOutgoing(this.outgoingOf(roomId), clientId));
  }

  private enqueueSend(roomId: string, clientId: string): void {
    const previous = this.sendChains.get(roomId) ?? Promise.resolve();
    const next = previous.then(() => this.deliver(roomId, clientId));
    this.sendChains.set(roomId, next);
  }

  private async deliver(roomId: string, clientId: string): Promise<void> {
    const item = this.outgoingOf(roomId).find((o) => o.clientId === clientId);
    if (!item || item.status !== 'pending') return;
    try {
      const message = await this.session.api.call('sendMessage', {
        params: { id: roomId },
        body: { clientId, body: item.body, ...(item.replyTo ? { replyTo: item.replyTo.id } : {}) },
      });
      this.acceptOwnMessage(message, 'new');
      this.setOutgoing(roomId, removeOutgoing(this.outgoingOf(roomId), clientId));
    } catch (error) {
      const reason =
        error instanceof ApiRequestError
          ? (toFormErrors(error, ['body']).fields.body ?? toFormErrors(error, []).form)
          : 'Not sent — you seem to be offline.';
      this.setOutgoing(
        roomId,
        markOutgoing(this.outgoingOf(roomId), clientId, 'failed', reason ?? 'Not sent.'),
      );
    }
  }

  async edit(roomId: string, messageId: string, body: string): Promise<void> {
    const message = await this.session.api.call('editMessage', {
      params: { id: roomId, messageId },
      body: { body },
    });
    this.acceptOwnMessage(message, 'edited');
  }

  async deleteMessage(roomId: string, messageId: string): Promise<void> {
    const message = await this.session.api.call('deleteMessage', { params: { id: roomId, messageId } });
    this.acceptOwnMessage(message, 'deleted');
  }

  /** The server's answer to my own change: the same as its event, which may come before or after. */
  private acceptOwnMessage(message: Message, kind: 'new' | 'edited' | 'deleted'): void {
    const timeline = this.timelines.get(message.roomId);
    if (timeline?.applyMessage(message)) this.touchTimeline(message.roomId);
    const room = this.snapshot.rooms.get(message.roomId);
    if (!room) return;
    const stamp = { message, lastSeq: Math.max(room.lastSeq, message.seq), revision: message.revision };
    this.applySummaryChange(room, kind, stamp);
  }

  // ---- read markers ----

  private scheduleMarkRead(roomId: string): void {
    clearTimeout(this.readTimers.get(roomId));
    this.readTimers.set(
      roomId,
      setTimeout(() => void this.markRead(roomId), 250),
    );
  }

  private isReading(roomId: string): boolean {
    return this.viewing === roomId && document.visibilityState === 'visible';
  }

  /** Moves my read marker to the newest message loaded in the room I am reading. */
  async markRead(roomId: string): Promise<void> {
    const room = this.snapshot.rooms.get(roomId);
    const timeline = this.timelines.get(roomId);
    if (!room || !timeline || !this.isReading(roomId)) return;
    const seq = readUpTo(timeline.messages, room.lastReadSeq);
    if (seq <= room.lastReadSeq && room.unreadCount === 0) return;
    try {
      const marker = await this.session.api.call('markRead', { params: { id: roomId }, body: { seq } });
      this.onReadUpdated(marker);
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
    const room = await this.session.api.call('createRoom', { body: { name, memberIds } });
    this.putRoom(room);
    return room;
  }

  async renameRoom(roomId: string, name: string): Promise<void> {
    this.putRoom(await this.session.api.call('renameRoom', { params: { id: roomId }, body: { name } }));
  }

  async addMembers(roomId: string, userIds: string[]): Promise<void> {
    const { members } = await this.session.api.call('addMembers', {
      params: { id: roomId },
      body: { userIds },
    });
    this.update({ members: withEntry(this.snapshot.members, roomId, members) });
    const room = this.snapshot.rooms.get(roomId);
    if (room) this.putRoom({ ...room, memberCount: members.length });
  }

  async removeMember(roomId: string, userId: string): Promise<void> {
    await this.session.api.call('removeMember', { params: { id: roomId, userId } });
    if (userId === this.me.id) this.forgetRoom(roomId);
    else this.onMemberRemoved(roomId, userId);
  }

  async deleteRoom(roomId: string): Promise<void> {
    await this.session.api.call('deleteRoom', { params: { id: roomId } });
    this.forgetRoom(roomId);
  }

  async searchUsers(q: string): Promise<PublicUser[]> {
    const { users } = await this.session.api.call('searchUsers', { query: { q, limit: 10 } });
    return users;
  }

  // ---- socket events ----

  /** Applies one event from the gateway. Unknown rooms are ignored: the room list is reloaded on reconnect. */
  applyServerEvent<N extends ServerEventName>(name: N, payload: ServerEventPayload<N>): void {
    const event = payload as ServerEventPayload<ServerEventName>;
    switch (name) {
      case 'message:new':
      case 'message:edited':
      case 'message:deleted': {
        const change = event as ServerEventPayload<'message:new'>;
        const timeline = this.timelines.get(change.roomId);
        if (timeline?.applyEvent(change)) this.touchTimeline(change.roomId);
        if (name === 'message:new') this.clearTyping(change.roomId, change.message.sender.id);
        const room = this.snapshot.rooms.get(change.roomId);
        const kind = name === 'message:new' ? 'new' : name === 'message:edited' ? 'edited' : 'deleted';
        if (room) this.applySummaryChange(room, kind, change);
        return;
      }
      case 'room:created': {
        const { room } = event as ServerEventPayload<'room:created'>;
        if (!this.snapshot.rooms.has(room.id)) this.putRoom(room);
        return;
      }
      case 'room:renamed': {
        const renamed = event as ServerEventPayload<'room:renamed'>;
        const room = this.snapshot.rooms.get(renamed.roomId);
        if (room) this.putRoom({ ...room, name: renamed.name });
        return;
      }
      case 'room:deleted':
        this.forgetRoom((event as ServerEventPayload<'room:deleted'>).roomId);
        return;
      case 'member:added': {
        const added = event as ServerEventPayload<'member:added'>;
        this.onMemberAdded(added.roomId, added.member);
        return;
      }
      case 'member:removed': {
        const removed = event as ServerEventPayload<'member:removed'>;
        if (removed.userId === this.me.id) this.forgetRoom(removed.roomId);
        else this.onMemberRemoved(removed.roomId, removed.userId);
        return;
      }
      case 'read:updated':
        this.onReadUpdated(event as ServerEventPayload<'read:updated'>);
        return;
      case 'presence': {
        const { userId, online } = event as ServerEventPayload<'presence'>;
        this.setOnline([userId], online);
        return;
      }
      case 'typing':
        this.onTyping(event as ServerEventPayload<'typing'>);
        return;
      default:
        return;
    }
  }

  /** Marks users online or offline (presence events, or the answer to a presence query). */
  setOnline(userIds: readonly string[], online: boolean): void {
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
    const result = applyMessageChange(room, kind, change, this.me.id, this.isReading(room.id));
    if (!result) return;
    if ('room' in result) this.putRoom(result.room);
    else void this.refetchRoom(room.id);
    if (this.isReading(room.id)) this.scheduleMarkRead(room.id);
  }

  /** Reads one room's row again (after a gap): the server's unread count is exact. */
  private async refetchRoom(roomId: string): Promise<void> {
    try {
      const detail = await this.session.api.call('getRoom', { params: { id: roomId } });
      this.putRoom(detail.room);
      this.update({ members: withEntry(this.snapshot.members, roomId, detail.members) });
    } catch (error) {
      if (error instanceof ApiRequestError && error.code === 'not_found') this.forgetRoom(roomId);
    }
  }

  private onMemberAdded(roomId: string, member: Member): void {
    const members = this.snapshot.members.get(roomId);
    if (members && !members.some((m) => m.user.id === member.user.id)) {
      this.update({ members: withEntry(this.snapshot.members, roomId, [...members, member]) });
    }
    const room = this.snapshot.rooms.get(roomId);
    if (room) this.putRoom({ ...room, memberCount: members ? members.length + 1 : room.memberCount + 1 });
  }

  private onMemberRemoved(roomId: string, userId: string): void {
    const members = this.snapshot.members.get(roomId);
    if (members) {
      this.update({
        members: withEntry(
          this.snapshot.members,
          roomId,
          members.filter((m) => m.user.id !== userId),
        ),
      });
    }
    const room = this.snapshot.rooms.get(roomId);
    if (room) this.putRoom({ ...room, memberCount: Math.max(1, room.memberCount - 1) });
  }

  private onTyping(event: ServerEventPayload<'typing'>): void {
    if (event.userId === this.me.id) return;
    const others = (this.snapshot.typing.get(event.roomId) ?? []).filter((t) => t.userId !== event.userId);
    this.update({ typing: withEntry(this.snapshot.typing, event.roomId, [...others, event]) });
    const key = `${event.roomId}:${event.userId}`;
    clearTimeout(this.typingTimers.get(key));
    this.typingTimers.set(
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
    this.timelines.delete(roomId);
    this.update({
      rooms: withEntry(this.snapshot.rooms, roomId, undefined),
      members: withEntry(this.snapshot.members, roomId, undefined),
      outgoing: withEntry(this.snapshot.outgoing, roomId, undefined),
      timelineVersions: withEntry(this.snapshot.timelineVersions, roomId, undefined),
    });
  }

  private putRoom(room: RoomSummary): void {
    this.update({ rooms: withEntry(this.snapshot.rooms, room.id, room) });
  }

  private outgoingOf(roomId: string) {
    return this.snapshot.outgoing.get(roomId) ?? [];
  }

  private setOutgoing(roomId: string, list: ReturnType<ChatStore['outgoingOf']>): void {
    this.update({ outgoing: withEntry(this.snapshot.outgoing, roomId, list.length ? list : undefined) });
  }

  private setLoad(roomId: string, load: RoomLoad): void {
    this.update({ loads: withEntry(this.snapshot.loads, roomId, load) });
  }

  private touchTimeline(roomId: string): void {
    const version = this.timelines.get(roomId)?.version ?? 0;
    this.update({ timelineVersions: withEntry(this.snapshot.timelineVersions, roomId, version) });
  }

  private update(patch: Partial<ChatSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const listener of this.listeners) listener();
  }
}
