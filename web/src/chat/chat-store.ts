import {
  ApiRequestError,
  ChatClient,
  isRetryable,
  withRetry,
  type RoomEvent,
  type RoomSnapshot,
} from '@livechat/client';
import type {
  GrantableRole,
  Member,
  MemberRoleChangedEvent,
  Message,
  MessagePreview,
  NotificationLevel,
  NotificationSetting,
  PublicUser,
  QuotedMessage,
  RoomSummary,
} from '@livechat/protocol';
import { toFormErrors } from '../forms/problem-to-form-errors';
import type { SessionStore } from '../session/session-store';
import type { ChatSnapshot, RoomLoad } from './chat-snapshot';
import { ChatState } from './chat-state';
import { OrderedSends, type OutboxWriter, type RestoredMessage } from './outgoing/ordered-sends';
import { PresenceTracker } from './presence-tracker';
import { applyMessageChange, applyReadMarker } from './rooms/room-summary-updates';
import { readUpTo } from './timeline/unread';
import { TypingTracker } from './typing-tracker';
import { addedToRoomNotice, myRoleChangedNotice, roomDeletedNotice } from './notices/notice-text';

const IDLE_LOAD: RoomLoad = { loading: false, loadingOlder: false, error: null };
const READ_DELAY_MS = 250;
/** Long enough to read a notice after looking up from typing; the person may dismiss it sooner. */
const NOTICE_MS = 15_000;

type MessageChange = 'new' | 'edited' | 'deleted';
const CHANGE_OF = { 'message:new': 'new', 'message:edited': 'edited', 'message:deleted': 'deleted' } as const;

/**
 * The chat as this tab knows it — rooms, open rooms, own messages on their way, members, presence, typing
 * and the connection — as one immutable snapshot that screens read with `useChat`.
 *
 * The client library's `ChatClient` does the realtime work: the socket, catch-up, each room's messages once
 * and in order, sends retried with their clientId. This store adds what is the app's: the room list and its
 * unread arithmetic, members and presence, the read marker of the room on screen, and sends kept in typed
 * order (`OrderedSends`).
 */
export class ChatStore {
  readonly client: ChatClient;
  private readonly state = new ChatState();
  private readonly sends: OrderedSends;
  private readonly presence: PresenceTracker;
  private readonly typists: TypingTracker;
  private readonly stops: (() => void)[] = [];
  private readonly roomStops = new Map<string, () => void>();
  private readonly readTimers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Per room, the highest seq seen in a focused window that the server's marker has not been asked for. */
  private readonly seen = new Map<string, number>();
  private readonly noticeTimers = new Set<ReturnType<typeof setTimeout>>();
  private nextNoticeId = 1;
  private viewing: string | null = null;
  private everConnected = false;
  /** Rooms asked for while the server could not be reached: opened once it can. */
  private readonly waitingRooms = new Set<string>();

  constructor(
    private readonly session: SessionStore,
    readonly me: PublicUser,
    outbox?: OutboxWriter,
  ) {
    this.sends = new OrderedSends(this.state, (message) => this.onOwnMessage(message, 'new'), outbox);
    this.client = new ChatClient({
      baseUrl: '',
      session,
      connect: false,
      // Fewer round trips when paging back through a long history; the list renders only what is visible.
      historyPageSize: 100,
      createClientId: this.sends.clientIdForNextSend,
    });
    this.presence = new PresenceTracker(this.state, this.client);
    this.typists = new TypingTracker(this.state, me.id);
  }

  getSnapshot = (): ChatSnapshot => this.state.get();
  subscribe = (listener: () => void): (() => void) => this.state.subscribe(listener);

  /** The quotes of own replies still on their way. */
  get quotes(): ReadonlyMap<string, QuotedMessage> {
    return this.sends.quotes;
  }

  /** Connects, loads the rooms, and follows events; returns what stops it all. */
  start(): () => void {
    const { client } = this;
    this.stops.push(
      client.onRoomEvent((event) => this.onRoomEvent(event)),
      client.onPresence(({ changes }) => this.presence.apply(changes)),
      client.onTyping((event) => this.typists.typing(event)),
      client.onConnectionState((state) => this.onConnectionState(state)),
      client.onSessionEnded(() => this.session.signOut('You were logged out. Log in again to continue.')),
    );
    // Coming back to the tab or window counts as seeing what arrived meanwhile.
    const onAttention = () => {
      if (this.viewing) this.scheduleMarkRead(this.viewing);
    };
    document.addEventListener('visibilitychange', onAttention);
    window.addEventListener('focus', onAttention);
    this.stops.push(() => {
      document.removeEventListener('visibilitychange', onAttention);
      window.removeEventListener('focus', onAttention);
    });
    if (this.session.token()) {
      client.connect();
      void this.loadRooms();
    } else {
      // Booted offline with the chat this device saved: the banner says so, sends wait, and all goes
      // live with the first token (the first connect then counts as a connection restored).
      this.everConnected = true;
      this.sends.pause();
      this.state.update({ connection: 'offline' });
      const stop = this.session.onToken(() => {
        stop();
        client.connect();
        this.openWaitingRooms();
      });
      this.stops.push(stop);
    }
    return () => {
      for (const stop of [...this.stops, ...this.roomStops.values()]) stop();
      for (const timer of [...this.readTimers.values(), ...this.noticeTimers]) clearTimeout(timer);
      this.typists.stop();
      client.close();
    };
  }

  /**
   * Reads the room list (at start, and after a reconnect: unread counts may have moved meanwhile). A busy
   * server (503 with Retry-After) or a lost answer is asked again, as the client library retries reads,
   * rather than leaving the person on an empty screen.
   */
  async loadRooms(): Promise<void> {
    try {
      const { rooms } = await withRetry(() => this.client.api.call('listRooms'), { attempts: 4 });
      const byId = new Map(rooms.map((room) => [room.id, room]));
      this.state.update({ status: 'ready', rooms: byId, fromDevice: false });
    } catch {
      if (this.state.get().status === 'loading') this.state.update({ status: 'failed' });
    }
  }

  /**
   * Shows what this device saved (src/offline) until the server answers: the room list unless the server's
   * is already here, and the latest messages of rooms not open yet. The client library's snapshot of a
   * room replaces its saved one whole when the room opens.
   */
  seed(rooms: readonly RoomSummary[] | null, views: readonly RoomSnapshot[]): void {
    if (rooms && this.state.get().status !== 'ready') {
      this.state.update({ status: 'ready', rooms: new Map(rooms.map((r) => [r.id, r])), fromDevice: true });
    }
    for (const view of views)
      if (!this.state.get().views.has(view.roomId)) this.state.setView(view.roomId, view);
  }

  /** Puts back the own messages the outbox kept over a reload; they go out, in order, when connected. */
  restoreOutbox(messages: readonly RestoredMessage[]): void {
    this.sends.restore(this.client, messages);
  }

  /** The room on screen: its new messages count as read while the page is visible and focused. */
  setViewing(roomId: string | null): void {
    this.viewing = roomId;
    if (roomId) this.scheduleMarkRead(roomId);
  }

  // ---- open rooms ----

  /** Starts following a room: its latest page, its members and who of them is online. */
  async openRoom(roomId: string): Promise<void> {
    if (this.roomStops.has(roomId)) return;
    if (!this.session.token()) {
      this.waitingRooms.add(roomId);
      return;
    }
    this.roomStops.set(
      roomId,
      this.client.onMessages(roomId, (view, change) => {
        if (change === 'closed') this.forgetRoom(roomId);
        else if (this.state.setView(roomId, view)) this.scheduleMarkRead(roomId);
      }),
    );
    // A saved view stays on screen while the room loads.
    this.state.setLoad(roomId, { ...IDLE_LOAD, loading: !this.state.get().views.has(roomId) });
    try {
      const [view, detail] = await Promise.all([
        this.client.openRoom(roomId),
        this.client.api.call('getRoom', { params: { id: roomId } }),
      ]);
      this.state.setView(roomId, view);
      this.state.putRoom(detail.room);
      this.state.setMembers(roomId, detail.members);
      this.state.setLoad(roomId, IDLE_LOAD);
      this.scheduleMarkRead(roomId);
      void this.presence.refresh(detail.members.map((m) => m.user.id));
    } catch (error) {
      this.roomStops.get(roomId)?.();
      this.roomStops.delete(roomId);
      // Unreachable with a saved view on screen: the banner says offline; the room opens when back.
      const saved = isRetryable(error) && this.state.get().views.has(roomId);
      if (saved) this.waitingRooms.add(roomId);
      this.state.setLoad(roomId, saved ? IDLE_LOAD : { ...IDLE_LOAD, error: toFormErrors(error, []).form });
    }
  }

  private openWaitingRooms(): void {
    const rooms = [...this.waitingRooms];
    this.waitingRooms.clear();
    for (const roomId of rooms) void this.openRoom(roomId);
  }

  /** Loads the page before the oldest message shown, unless one is on its way or there is none. */
  async loadOlder(roomId: string): Promise<void> {
    const { views, loads } = this.state.get();
    const load = loads.get(roomId) ?? IDLE_LOAD;
    if (!views.get(roomId)?.hasOlder || load.loading || load.loadingOlder) return;
    await this.loadPage(roomId);
  }

  /** Loads older pages until `seq` is shown (jump to a quoted message or to the first unread). */
  async loadThrough(roomId: string, seq: number): Promise<void> {
    for (;;) {
      const view = this.state.get().views.get(roomId);
      const oldest = view?.messages[0]?.seq;
      if (!view?.hasOlder || oldest === undefined || oldest <= seq) return;
      if (!(await this.loadPage(roomId))) return;
    }
  }

  private async loadPage(roomId: string): Promise<boolean> {
    this.state.setLoad(roomId, { ...IDLE_LOAD, loadingOlder: true });
    try {
      await this.client.loadOlder(roomId);
      this.state.setLoad(roomId, IDLE_LOAD);
      return true;
    } catch (error) {
      this.state.setLoad(roomId, { ...IDLE_LOAD, error: toFormErrors(error, []).form });
      return false;
    }
  }

  // ---- own messages ----

  /** Shows the message at once and sends it after the room's earlier ones. */
  send(roomId: string, body: string, replyTo: QuotedMessage | null): void {
    this.sends.send(this.client, roomId, body, replyTo);
  }

  retry(roomId: string, clientId: string): void {
    this.sends.retry(this.client, roomId, clientId);
  }

  discard(roomId: string, clientId: string): void {
    this.sends.discard(this.client, roomId, clientId);
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

  /**
   * The server's answer to my own change updates the sidebar like its event would (whichever comes first).
   * Not a delete: only its event says what the room's preview moved back to, and an answer applied first
   * would make that event look old.
   */
  private onOwnMessage(message: Message, change: MessageChange): void {
    if (change === 'deleted') return;
    const room = this.state.get().rooms.get(message.roomId);
    if (!room) return;
    const lastSeq = Math.max(room.lastSeq, message.seq);
    this.applySummaryChange(room, change, { message, lastSeq, revision: message.revision });
  }

  // ---- read markers ----

  /**
   * Notes what the person sees of the room now and moves the server's marker there soon after: at most
   * READ_DELAY_MS after the first message seen (a burst costs one request, not one per message). Only what
   * is seen in a visible, focused window counts; what was seen counts even if the window loses focus before
   * the request goes out.
   */
  private scheduleMarkRead(roomId: string): void {
    const { rooms, views } = this.state.get();
    const room = rooms.get(roomId);
    const view = views.get(roomId);
    if (!room || !view || !this.isReading(roomId)) return;
    const seq = Math.max(readUpTo(view.messages, room.lastReadSeq), this.seen.get(roomId) ?? 0);
    // `lastReadSeq` is the server's marker (the badge may already show 0 while the request is on its way).
    if (seq <= room.lastReadSeq && room.unreadCount === 0) return;
    this.seen.set(roomId, seq);
    if (this.readTimers.has(roomId)) return;
    this.readTimers.set(
      roomId,
      setTimeout(() => {
        this.readTimers.delete(roomId);
        void this.markRead(roomId);
      }, READ_DELAY_MS),
    );
  }

  /** Whether the person can see the room: it is on screen, and the tab is visible and focused. */
  private isReading(roomId: string): boolean {
    return this.viewing === roomId && document.visibilityState === 'visible' && document.hasFocus();
  }

  /** Moves my read marker to the newest message seen; every device of mine hears `read:updated`. */
  private async markRead(roomId: string): Promise<void> {
    const seq = this.seen.get(roomId);
    this.seen.delete(roomId);
    if (seq === undefined || !this.state.get().rooms.has(roomId)) return;
    try {
      this.onReadUpdated(await this.client.markRead(roomId, seq));
    } catch {
      // A marker that could not move now moves with the next message read; nothing is lost.
    }
  }

  private onReadUpdated(marker: { roomId: string; lastReadSeq: number; unreadCount: number }): void {
    const room = this.state.get().rooms.get(marker.roomId);
    if (room) this.state.putRoom(applyReadMarker(room, marker.lastReadSeq, marker.unreadCount));
  }

  // ---- rooms and members ----

  async createRoom(name: string, memberIds: string[]): Promise<RoomSummary> {
    const room = await this.client.api.call('createRoom', { body: { name, memberIds } });
    this.state.putRoom(room);
    return room;
  }

  async renameRoom(roomId: string, name: string): Promise<void> {
    this.state.putRoom(await this.client.api.call('renameRoom', { params: { id: roomId }, body: { name } }));
  }

  async addMembers(roomId: string, userIds: string[]): Promise<void> {
    const { members } = await this.client.api.call('addMembers', {
      params: { id: roomId },
      body: { userIds },
    });
    this.state.setMembers(roomId, members);
    const room = this.state.get().rooms.get(roomId);
    if (room) this.state.putRoom({ ...room, memberCount: members.length });
    void this.presence.refresh(userIds);
  }

  async removeMember(roomId: string, userId: string): Promise<void> {
    await this.client.api.call('removeMember', { params: { id: roomId, userId } });
    if (userId === this.me.id) this.forgetRoom(roomId);
    else this.onMemberRemoved(roomId, userId);
  }

  /** Owner: makes a member an admin, or an admin a member again. */
  async changeRole(roomId: string, userId: string, role: GrantableRole): Promise<void> {
    const { members } = await this.client.api.call('changeMemberRole', {
      params: { id: roomId, userId },
      body: { role },
    });
    this.onMembersAnswered(roomId, members);
  }

  /** Owner: hands the room to another member; I stay as an admin. */
  async transferOwnership(roomId: string, userId: string): Promise<void> {
    const { members } = await this.client.api.call('transferOwnership', {
      params: { id: roomId },
      body: { userId },
    });
    this.onMembersAnswered(roomId, members);
  }

  /**
   * Owner: hands the room on, then leaves it. Two requests: if the leave fails, I am an admin of a room
   * that has its new owner, which is what I asked for first, and can leave again.
   */
  async handOverAndLeave(roomId: string, heirId: string): Promise<void> {
    await this.transferOwnership(roomId, heirId);
    await this.removeMember(roomId, this.me.id);
  }

  async deleteRoom(roomId: string): Promise<void> {
    await this.client.api.call('deleteRoom', { params: { id: roomId } });
    this.forgetRoom(roomId);
  }

  /** When my devices notify me of this room; my other tabs and devices hear `notifications:updated`. */
  async setNotificationLevel(roomId: string, level: NotificationLevel): Promise<void> {
    this.onNotificationsUpdated(
      await this.client.api.call('setNotificationLevel', { params: { id: roomId }, body: { level } }),
    );
  }

  private onNotificationsUpdated({ roomId, level }: NotificationSetting): void {
    const room = this.state.get().rooms.get(roomId);
    if (room && room.notificationLevel !== level) this.state.putRoom({ ...room, notificationLevel: level });
  }

  dismissNotice(id: number): void {
    this.state.dropNotice(id);
  }

  /** Shows a notice of what someone else did, for NOTICE_MS or until dismissed. */
  private notify(text: string): void {
    const id = this.nextNoticeId++;
    this.state.addNotice({ id, text });
    const timer = setTimeout(() => {
      this.noticeTimers.delete(timer);
      this.state.dropNotice(id);
    }, NOTICE_MS);
    this.noticeTimers.add(timer);
  }

  async searchUsers(q: string): Promise<PublicUser[]> {
    const { users } = await this.client.api.call('searchUsers', { query: { q, limit: 10 } });
    return users;
  }

  // ---- events ----

  /** Sidebar, members and read markers follow every event the API publishes. */
  private onRoomEvent(event: RoomEvent): void {
    const { rooms } = this.state.get();
    switch (event.name) {
      case 'message:new':
      case 'message:edited':
      case 'message:deleted': {
        const { payload } = event;
        if (event.name === 'message:new') this.typists.stopped(payload.roomId, payload.message.sender.id);
        const room = rooms.get(payload.roomId);
        if (room) this.applySummaryChange(room, CHANGE_OF[event.name], payload);
        return;
      }
      case 'room:created': {
        const { room, by } = event.payload;
        if (rooms.has(room.id)) return;
        this.state.putRoom(room);
        if (by.id !== this.me.id) this.notify(addedToRoomNotice(by, room.name));
        return;
      }
      case 'room:renamed': {
        const room = rooms.get(event.payload.roomId);
        if (room) this.state.putRoom({ ...room, name: event.payload.name });
        return;
      }
      case 'room:deleted': {
        const { roomId, name, by } = event.payload;
        // Not gated on the room being held: the client library drops an open room as it hears this.
        if (by.id !== this.me.id) this.notify(roomDeletedNotice(by, name));
        this.forgetRoom(roomId);
        return;
      }
      case 'member:added':
        this.onMemberAdded(event.payload.roomId, event.payload.member);
        return;
      case 'member:removed':
        if (event.payload.userId === this.me.id) this.forgetRoom(event.payload.roomId);
        else this.onMemberRemoved(event.payload.roomId, event.payload.userId);
        return;
      case 'member:role-changed':
        this.onRoleChanged(event.payload);
        return;
      case 'read:updated':
        this.onReadUpdated(event.payload);
        return;
      case 'notifications:updated':
        this.onNotificationsUpdated(event.payload);
        return;
    }
  }

  private onConnectionState(state: ChatClient['connectionState']): void {
    if (state === 'connected') {
      const wasLost = this.everConnected && this.state.get().connection === 'offline';
      this.everConnected = true;
      this.state.update({ connection: wasLost ? 'restored' : 'online' });
      // Events may have been missed while away: the room list (unread counts) and presence are read again;
      // the open rooms' messages are caught up by the client library.
      if (wasLost) void this.loadRooms();
      void this.presence.refreshAll();
      this.sends.resume(this.client);
      this.openWaitingRooms();
    } else if ((state === 'reconnecting' || state === 'offline') && this.everConnected) {
      this.state.update({ connection: 'offline' });
      this.sends.pause();
    }
  }

  private applySummaryChange(
    room: RoomSummary,
    change: MessageChange,
    event: { message: Message; lastSeq: number; revision: number; lastMessage?: MessagePreview | null },
  ): void {
    const reading = this.isReading(room.id);
    const result = applyMessageChange(room, change, event, this.me.id, reading);
    if (result && 'room' in result) this.state.putRoom(result.room);
    else if (result) void this.refetchRoom(room.id);
    this.scheduleMarkRead(room.id);
  }

  /** Reads one room's row again (after a gap): the server's unread count is exact. */
  private async refetchRoom(roomId: string): Promise<void> {
    try {
      const detail = await this.client.api.call('getRoom', { params: { id: roomId } });
      this.state.putRoom(detail.room);
      this.state.setMembers(roomId, detail.members);
    } catch (error) {
      if (error instanceof ApiRequestError && error.status === 404) this.forgetRoom(roomId);
    }
  }

  // The member count follows the member list whenever this tab holds it: the event and the answer to my own
  // add or remove arrive in either order (the API answers after commit, not after the publish), so counting
  // events (+1, −1) would count one change twice.
  private onMemberAdded(roomId: string, member: Member): void {
    const { members, rooms } = this.state.get();
    const list = members.get(roomId);
    const next = list && !list.some((m) => m.user.id === member.user.id) ? [...list, member] : list;
    if (next !== list) this.state.setMembers(roomId, next!);
    const room = rooms.get(roomId);
    if (room) this.state.putRoom({ ...room, memberCount: next ? next.length : room.memberCount + 1 });
    void this.presence.refresh([member.user.id]);
  }

  /** The answer to my own role change or transfer: the members as they are now, and my role among them. */
  private onMembersAnswered(roomId: string, members: readonly Member[]): void {
    this.state.setMembers(roomId, members);
    const room = this.state.get().rooms.get(roomId);
    const mine = members.find((m) => m.user.id === this.me.id);
    if (room && mine) this.state.putRoom({ ...room, myRole: mine.role });
  }

  private onRoleChanged({ roomId, userId, role, by }: MemberRoleChangedEvent): void {
    const { members, rooms } = this.state.get();
    const list = members.get(roomId);
    if (list)
      this.state.setMembers(
        roomId,
        list.map((m) => (m.user.id === userId ? { ...m, role } : m)),
      );
    const room = rooms.get(roomId);
    if (!room || userId !== this.me.id || room.myRole === role) return;
    this.state.putRoom({ ...room, myRole: role });
    if (by.id !== this.me.id) this.notify(myRoleChangedNotice(by, role, room.name));
  }

  private onMemberRemoved(roomId: string, userId: string): void {
    const { members, rooms } = this.state.get();
    const list = members.get(roomId);
    const next = list?.filter((m) => m.user.id !== userId);
    if (next) this.state.setMembers(roomId, next);
    const room = rooms.get(roomId);
    if (room)
      this.state.putRoom({ ...room, memberCount: next ? next.length : Math.max(1, room.memberCount - 1) });
  }

  private forgetRoom(roomId: string): void {
    this.roomStops.get(roomId)?.();
    this.roomStops.delete(roomId);
    this.client.closeRoom(roomId);
    this.state.dropRoom(roomId);
  }
}
