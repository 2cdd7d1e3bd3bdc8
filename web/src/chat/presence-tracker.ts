import type { ChatClient } from '@livechat/client';
import type { PresenceChange } from '@livechat/protocol';
import type { ChatState } from './chat-state';

/** Who is online: answers to presence queries for the people in open rooms, then presence events. */
export class PresenceTracker {
  constructor(
    private readonly state: ChatState,
    private readonly client: ChatClient,
  ) {}

  /** Marks people online or offline (a presence event, or the answer to a query). */
  set(userIds: readonly string[], online: boolean | ((userId: string) => boolean)): void {
    const next = new Set(this.state.get().online);
    for (const id of userIds) {
      if (typeof online === 'function' ? online(id) : online) next.add(id);
      else next.delete(id);
    }
    this.state.update({ online: next });
  }

  /** Applies a presence event: every change in it, in one state update. */
  apply(changes: readonly PresenceChange[]): void {
    const state = new Map(changes.map(({ userId, online }) => [userId, online]));
    this.set([...state.keys()], (id) => state.get(id) === true);
  }

  /** Asks the gateway which of these people are online now (when connected; events keep it current after). */
  async refresh(userIds: readonly string[]): Promise<void> {
    if (userIds.length === 0 || this.client.connectionState !== 'connected') return;
    // The protocol caps one query at 500 people; the rest learn from presence events.
    const asked = userIds.slice(0, 500);
    try {
      const online = new Set(await this.client.queryPresence(asked));
      this.set(asked, (id) => online.has(id));
    } catch {
      // Presence is a nicety: the next presence event corrects it.
    }
  }

  /** Everyone in the rooms whose members are loaded. */
  refreshAll(): Promise<void> {
    const ids = new Set([...this.state.get().members.values()].flat().map((member) => member.user.id));
    return this.refresh([...ids]);
  }
}
