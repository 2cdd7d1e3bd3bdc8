import { TYPING_EXPIRY_MS, type TypingEvent } from '@livechat/protocol';
import type { ChatState } from './chat-state';
import { withEntry } from './chat-snapshot';

/** Who is typing in which room: each `typing` event shows a person for TYPING_EXPIRY_MS, or until they send. */
export class TypingTracker {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly state: ChatState,
    private readonly myId: string,
  ) {}

  typing(event: TypingEvent): void {
    if (event.userId === this.myId) return;
    const { typing } = this.state.get();
    const others = (typing.get(event.roomId) ?? []).filter((t) => t.userId !== event.userId);
    this.state.update({ typing: withEntry(typing, event.roomId, [...others, event]) });
    const key = `${event.roomId}:${event.userId}`;
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => this.stopped(event.roomId, event.userId), TYPING_EXPIRY_MS),
    );
  }

  /** The person stopped typing: their message arrived, or the indicator expired. */
  stopped(roomId: string, userId: string): void {
    const { typing } = this.state.get();
    const list = typing.get(roomId);
    if (!list?.some((t) => t.userId === userId)) return;
    const rest = list.filter((t) => t.userId !== userId);
    this.state.update({ typing: withEntry(typing, roomId, rest.length ? rest : undefined) });
  }

  stop(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
  }
}
