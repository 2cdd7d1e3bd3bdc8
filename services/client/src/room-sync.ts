import type { ChangesPage, ChangesQuery, HistoryQuery, Message, MessagePage } from '@livechat/protocol';
import { ApiRequestError } from './api-client.js';
import { RoomTimeline, type MessageEvent, type RoomStamp } from './room-timeline.js';
import { unrefTimer } from './unref-timer.js';

/** The REST reads a room's sync needs (the chat client answers them through the API, with retries). */
export interface RoomSource {
  /** The room's current revision (`GET /api/rooms/:id`). */
  revision(roomId: string): Promise<number>;
  history(roomId: string, query: HistoryQuery): Promise<MessagePage>;
  /** Rejects with `too_far_behind` (410) when `since` is too old to answer. */
  changes(roomId: string, query: ChangesQuery): Promise<ChangesPage>;
}

/** Why a room's view changed: its first page arrived, something changed, or it was reloaded from scratch. */
export type RoomChange = 'loaded' | 'updated' | 'reset';

export interface RoomSyncOptions {
  source: RoomSource;
  /** Told after every change of the room's view. */
  onChange: (change: RoomChange) => void;
  /** Told when the room could not be synced: for good (403/404: not a member any more) or for now. */
  onError: (error: unknown) => void;
  /** Messages per history page. @default 50 */
  historyPageSize?: number;
  /** Changes per catch-up page. @default 100 */
  changesPageSize?: number;
  /**
   * How long a gap may stay open before it is fetched: events of concurrent sends can arrive out of order,
   * and the late one usually closes the gap on its own within milliseconds. @default 250
   */
  gapGraceMs?: number;
}

const MAX_GAP_DELAY_MS = 30_000;

/**
 * Keeps one room's {@link RoomTimeline} equal to the server: loads its latest page, applies live events,
 * and fetches exactly what is missing — `changes?since=` the timeline's revision, page after page — on
 * demand (reconnect, resync) or when a gap stays open. A client too far behind reloads the latest page.
 */
export class RoomSync {
  readonly roomId: string;
  readonly #options: RoomSyncOptions;
  #timeline: RoomTimeline | null = null;
  #opening: Promise<void> | null = null;
  #catchingUp: Promise<void> | null = null;
  #again = false;
  #olderLoading: Promise<boolean> | null = null;
  #gapTimer: ReturnType<typeof setTimeout> | undefined;
  #gapDelay: number;
  #closed = false;

  constructor(roomId: string, options: RoomSyncOptions) {
    this.roomId = roomId;
    this.#options = options;
    this.#gapDelay = options.gapGraceMs ?? 250;
  }

  /** The room's timeline, once {@link open} has read the room's revision. */
  get timeline(): RoomTimeline | null {
    return this.#timeline;
  }

  /** Reads the room's revision, then its latest page, then catches up what changed between the two. */
  async open(): Promise<void> {
    await this.#load();
    await this.catchUp();
  }

  /** The first load, shared by every caller; a failed one is tried again by the next caller. */
  #load(): Promise<void> {
    this.#opening ??= (async () => {
      const revision = await this.#options.source.revision(this.roomId);
      if (this.#closed) return;
      // Created before the page is asked for, so events arriving meanwhile are kept, not lost.
      const timeline = (this.#timeline = new RoomTimeline(this.roomId, revision));
      const page = await this.#options.source.history(this.roomId, { limit: this.#historyPageSize });
      if (this.#closed) return;
      timeline.applyHistory(page);
      this.#options.onChange('loaded');
    })().catch((error: unknown) => {
      this.#opening = null;
      this.#timeline = null;
      throw error;
    });
    return this.#opening;
  }

  /** Applies a live message event; a gap it reveals is fetched after the grace period. */
  applyEvent(event: MessageEvent): boolean {
    const changed = this.#timeline?.applyEvent(event) ?? false;
    this.#watchGap();
    return changed;
  }

  /** Applies a message known to be current (the answer to a send or an edit). */
  applyMessage(message: Message): boolean {
    const changed = this.#timeline?.applyMessage(message) ?? false;
    this.#watchGap();
    return changed;
  }

  /** Notes the counters of another room event (rename, members). */
  observe(stamp: RoomStamp): void {
    this.#timeline?.observe(stamp);
    this.#watchGap();
  }

  /**
   * Fetches every change since the timeline's revision, paging until the server has no more. Calls made
   * while one runs share it and make it go round once more, so nothing that happened meanwhile is missed.
   */
  catchUp(): Promise<void> {
    if (this.#catchingUp) {
      this.#again = true;
      return this.#catchingUp;
    }
    this.#catchingUp = this.#runCatchUp()
      .catch((error: unknown) => this.#options.onError(error))
      .finally(() => {
        this.#catchingUp = null;
        this.#watchGap();
      });
    return this.#catchingUp;
  }

  /** Loads the page before the oldest message shown; resolves with whether still older ones exist. */
  loadOlder(): Promise<boolean> {
    this.#olderLoading ??= (async () => {
      await this.#load();
      const timeline = this.#timeline;
      const before = timeline?.oldestSeq;
      if (!timeline || !before || !timeline.hasOlder) return false;
      const page = await this.#options.source.history(this.roomId, { before, limit: this.#historyPageSize });
      if (!this.#closed && this.#timeline === timeline && timeline.applyHistory(page)) {
        this.#options.onChange('updated');
      }
      return timeline.hasOlder;
    })().finally(() => {
      this.#olderLoading = null;
    });
    return this.#olderLoading;
  }

  /** Stops fetching; pending requests are ignored when they answer. */
  close(): void {
    this.#closed = true;
    clearTimeout(this.#gapTimer);
  }

  get #historyPageSize(): number {
    return this.#options.historyPageSize ?? 50;
  }

  async #runCatchUp(): Promise<void> {
    await this.#load();
    do {
      this.#again = false;
      let more = true;
      while (more && !this.#closed) more = await this.#fetchChanges();
    } while (this.#again && !this.#closed);
  }

  /** Fetches and applies one page of changes; resolves with whether the server has more. */
  async #fetchChanges(): Promise<boolean> {
    const timeline = this.#timeline;
    if (!timeline) return false;
    const since = timeline.revision;
    let page: ChangesPage;
    try {
      page = await this.#options.source.changes(this.roomId, {
        since,
        limit: this.#options.changesPageSize ?? 100,
      });
    } catch (error) {
      if (!(error instanceof ApiRequestError && error.code === 'too_far_behind')) throw error;
      await this.#reload(timeline);
      return true;
    }
    if (this.#closed || this.#timeline !== timeline) return false;
    if (timeline.applyChanges(since, page)) this.#options.onChange('updated');
    // A server that says "more" without moving forward would loop forever: stop and let a later trigger retry.
    return page.hasMore && page.revision > since;
  }

  /** Too far behind: start over from the room's latest page, then catch up what changed since. */
  async #reload(timeline: RoomTimeline): Promise<void> {
    const revision = await this.#options.source.revision(this.roomId);
    const page = await this.#options.source.history(this.roomId, { limit: this.#historyPageSize });
    if (this.#closed || this.#timeline !== timeline) return;
    timeline.reset(revision, page);
    this.#options.onChange('reset');
  }

  /**
   * Schedules a catch-up when the timeline is behind and stays so for the grace period. A gap that
   * survives a catch-up (the server has not caught up with a stamp yet) is retried with a doubling delay.
   */
  #watchGap(): void {
    const timeline = this.#timeline;
    if (!timeline || this.#closed || this.#gapTimer !== undefined || this.#catchingUp) return;
    if (!timeline.behind) {
      this.#gapDelay = this.#options.gapGraceMs ?? 250;
      return;
    }
    this.#gapTimer = setTimeout(() => {
      this.#gapTimer = undefined;
      if (!timeline.behind || this.#closed) return;
      this.#gapDelay = Math.min(MAX_GAP_DELAY_MS, Math.max(100, this.#gapDelay * 2));
      void this.catchUp();
    }, this.#gapDelay);
    unrefTimer(this.#gapTimer);
  }
}
