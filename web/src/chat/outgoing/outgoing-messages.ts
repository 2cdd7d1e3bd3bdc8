import type { QuotedMessage } from '@livechat/protocol';
import type { OutgoingMessage } from '../timeline/message-view';

/**
 * Pure bookkeeping of one room's own messages on their way, oldest first. Each is identified by its
 * clientId, which is also what the API deduplicates on: a retry reuses it, so a message whose first
 * attempt did reach the server (but whose answer was lost) is stored once.
 */
export type OutgoingList = readonly OutgoingMessage[];

export function addOutgoing(
  list: OutgoingList,
  clientId: string,
  body: string,
  replyTo: QuotedMessage | null,
  now: Date = new Date(),
): OutgoingList {
  return [...list, { clientId, body, replyTo, createdAt: now.toISOString(), status: 'pending' }];
}

export function markOutgoing(
  list: OutgoingList,
  clientId: string,
  status: 'pending' | 'failed',
  error?: string,
): OutgoingList {
  return list.map((item) =>
    item.clientId === clientId
      ? {
          clientId,
          body: item.body,
          replyTo: item.replyTo,
          createdAt: item.createdAt,
          status,
          ...(error ? { error } : {}),
        }
      : item,
  );
}

/** Drops a message: it was stored (it shows from the timeline now), or the person gave up on it. */
export function removeOutgoing(list: OutgoingList, clientId: string): OutgoingList {
  return list.filter((item) => item.clientId !== clientId);
}
