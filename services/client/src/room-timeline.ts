import type {
  ChangesPage,
  Message,
  MessageDeletedEvent,
  MessageEditedEvent,
  MessageNewEvent,
  MessagePage,
} from '@livechat/protocol';
import { RevisionCursor } from './revision-cursor.js';

/** Any of the three message events: each carries the message and the room's counters after the change. */
export type MessageEvent = MessageNewEvent | MessageEditedEvent | MessageDeletedEvent;

/** The counters every room event is stamped with. */
export interface RoomStamp {
  lastSeq: number;
  revision: number;
}

/**
 * What a client holds of one room, and how it stays equal to the server. Pure: no I/O, no timers.
 *
 * Messages are kept by id, and a message replaces the one held only when its `revision` is newer, so applying
 * the same event twice, an old event after a newer page, or pages in any order converges to one state.
 * A {@link RevisionCursor} says how far that state is complete; `behind` says a change the room stamped is
 * missing, and {@link RoomTimeline.revision} is where `changes?since=` must start.
 *
 * The view is the loaded window of history: from the oldest loaded seq to the newest held. Changes to
 * messages older than the window (an edit of last year's message) are kept but not shown, so loading that
 * page later cannot resurrect an older version of them.
 */
export class RoomTimeline {
  readonly roomId: string;
  #cursor: RevisionCursor;
  #byId = new Map<string, Message>();
  #maxSeq = 0;
  #targetSeq = 0;
  /**
   * A changes page said `hasMore`: some message created before the cursor may be missing (its latest change
   * is on a later page), so the timeline is behind until a page without more arrives.
   */
  #changesCut = false;
  /** Seq of the oldest message shown; Infinity until a history page has been applied. */
  #windowStart = Number.POSITIVE_INFINITY;
  /** Ids of the replies held that quote each parent: a parent's change refreshes their quotes. */
  #quotedBy = new Map<string, Set<string>>();
  #view: readonly Message[] = [];
  #viewStale = false;
  #version = 0;

  /**
   * @param revision the room's revision read before its first history page was asked for (from the room
   * list or `getRoom`): a stale, lower value only makes the first catch-up longer; a higher one would skip.
   */
  constructor(roomId: string, revision: number) {
    this.roomId = roomId;
    this.#cursor = new RevisionCursor(revision);
  }

  /** Every change up to this revision is held: the `since` of the next changes request. */
  get revision(): number {
    return this.#cursor.value;
  }

  /** A change the room is known to have is missing: catch up with `changes?since=revision`. */
  get behind(): boolean {
    return this.#cursor.behind || this.#changesCut || this.#targetSeq > this.#maxSeq;
  }

  /** Older history exists before the first message shown. */
  get hasOlder(): boolean {
    return this.#windowStart > 1;
  }

  /** Seq of the oldest message shown (the `before` of the next older page), or null before any page. */
  get oldestSeq(): number | null {
    return Number.isFinite(this.#windowStart) ? this.#windowStart : null;
  }

  /** Advances on every change of {@link RoomTimeline.messages}: cheap change detection for UIs. */
  get version(): number {
    return this.#version;
  }

  /**
   * The loaded window, in seq order, each message once, edits and deletions applied (tombstones kept).
   * A reply's quote shows its parent as held: the server does not re-send a reply when its parent is edited
   * or deleted (the reply's own revision does not move), so the quote follows the parent's latest version.
   */
  get messages(): readonly Message[] {
    if (this.#viewStale) {
      this.#view = [...this.#byId.values()]
        .filter((message) => message.seq >= this.#windowStart)
        .sort((a, b) => a.seq - b.seq)
        .map((message) => this.#withFreshQuote(message));
      this.#viewStale = false;
    }
    return this.#view;
  }

  /** The message held with this id, shown or not. */
  get(id: string): Message | undefined {
    return this.#byId.get(id);
  }

  /** Applies `message:new`, `message:edited` or `message:deleted`; true when the view changed. */
  applyEvent(event: MessageEvent): boolean {
    const changed = this.applyMessage(event.message);
    this.observe(event);
    return changed;
  }

  /** Notes the counters of any other room event (rename, member added…), which may reveal a gap. */
  observe(stamp: RoomStamp): void {
    this.#cursor.observe(stamp.revision);
    if (stamp.lastSeq > this.#targetSeq) this.#targetSeq = stamp.lastSeq;
  }

  /** Applies a message known to be the server's current version (e.g. the answer to a send or an edit). */
  applyMessage(message: Message): boolean {
    return this.#touchIf(this.#merge(message));
  }

  /**
   * Applies a history page: the latest page (no `before`/`after`) or the page `before` {@link oldestSeq}.
   * The window grows down to its first message, or to the very first when the page says there is no more.
   */
  applyHistory(page: MessagePage): boolean {
    let changed = this.#mergeAll(page.messages);
    const start = page.hasMore ? (page.messages[0]?.seq ?? this.#windowStart) : 1;
    if (start < this.#windowStart) {
      this.#windowStart = start;
      changed = true;
    }
    return this.#touchIf(changed);
  }

  /**
   * Applies a changes page that answered `changes?since=since`. Its `revision` becomes the cursor when the
   * request started at or below the cursor (otherwise it could skip changes between the two).
   */
  applyChanges(since: number, page: ChangesPage): boolean {
    const changed = this.#mergeAll(page.changes);
    if (since <= this.#cursor.value) {
      this.#cursor.jumpTo(page.revision);
      this.#changesCut = page.hasMore;
    }
    return this.#touchIf(changed);
  }

  /**
   * Starts over from the latest page, for a client the server called too far behind: what it held may be
   * arbitrarily stale, so nothing of it is kept.
   */
  reset(revision: number, latest: MessagePage): void {
    this.#cursor = new RevisionCursor(revision);
    this.#byId.clear();
    this.#quotedBy.clear();
    this.#maxSeq = 0;
    this.#targetSeq = 0;
    this.#changesCut = false;
    this.#windowStart = Number.POSITIVE_INFINITY;
    this.applyHistory(latest);
    this.#touchIf(true);
  }

  #withFreshQuote(message: Message): Message {
    const quote = message.replyTo;
    const parent = quote && this.#byId.get(quote.id);
    if (!quote || !parent) return message;
    const deleted = parent.deletedAt !== null;
    if (quote.deleted === deleted && quote.body === parent.body) return message;
    return { ...message, replyTo: { ...quote, body: parent.body, deleted } };
  }

  /** Whether a reply shown in the window quotes the message `id`. */
  #quotedInView(id: string): boolean {
    for (const replyId of this.#quotedBy.get(id) ?? []) {
      const reply = this.#byId.get(replyId);
      if (reply && reply.seq >= this.#windowStart) return true;
    }
    return false;
  }

  #mergeAll(messages: readonly Message[]): boolean {
    let changed = false;
    for (const message of messages) changed = this.#merge(message) || changed;
    return changed;
  }

  /** Keeps `message` if it is newer than the one held; true when the view changed. */
  #merge(message: Message): boolean {
    if (message.roomId !== this.roomId) return false;
    this.#cursor.hold(message.revision);
    const held = this.#byId.get(message.id);
    if (held && held.revision >= message.revision) return false;
    this.#byId.set(message.id, message);
    if (message.replyTo) {
      const replies = this.#quotedBy.get(message.replyTo.id) ?? new Set<string>();
      this.#quotedBy.set(message.replyTo.id, replies.add(message.id));
    }
    if (message.seq > this.#maxSeq) this.#maxSeq = message.seq;
    if (message.seq > this.#targetSeq) this.#targetSeq = message.seq;
    return message.seq >= this.#windowStart || this.#quotedInView(message.id);
  }

  #touchIf(changed: boolean): boolean {
    if (changed) {
      this.#viewStale = true;
      this.#version += 1;
    }
    return changed;
  }
}
