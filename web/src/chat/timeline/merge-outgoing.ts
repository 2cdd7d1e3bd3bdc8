import type { Message, PublicUser } from '@livechat/protocol';
import {
  outgoingMessageView,
  storedMessageView,
  type MessageView,
  type OutgoingMessage,
} from './message-view';

/**
 * The list a conversation shows: stored messages in seq order, then own messages still on their way, in the
 * order they were written. An outgoing message whose clientId is already among the stored ones is the same
 * message (its answer or its socket event won the race) and is left out — a message never shows twice.
 */
export function mergeOutgoing(
  stored: readonly Message[],
  outgoing: readonly OutgoingMessage[],
  me: PublicUser,
): MessageView[] {
  const views = stored.map(storedMessageView);
  if (outgoing.length === 0) return views;
  const storedOwn = new Set(stored.filter((m) => m.sender.id === me.id).map((m) => m.clientId));
  const waiting = outgoing
    .filter((o) => !storedOwn.has(o.clientId))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return [...views, ...waiting.map((o) => outgoingMessageView(o, me))];
}
