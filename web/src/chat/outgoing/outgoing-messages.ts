import type { PendingMessage } from '@livechat/client';
import type { Message, QuotedMessage } from '@livechat/protocol';
import { toFormErrors } from '../../forms/problem-to-form-errors';
import type { OutgoingMessage } from '../timeline/message-view';

/** Own messages of one room on their way, oldest first. */
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

export function removeOutgoing(list: OutgoingList, clientId: string): OutgoingList {
  return list.filter((item) => item.clientId !== clientId);
}

/**
 * The client library's pending message as the conversation shows it. The library keeps only the id of the
 * message replied to; the quote comes from what the app remembered at send time, or from the timeline.
 */
export function pendingToOutgoing(
  pending: PendingMessage,
  quotes: ReadonlyMap<string, QuotedMessage>,
  stored: readonly Message[],
): OutgoingMessage {
  let replyTo = quotes.get(pending.clientId) ?? null;
  if (!replyTo && pending.replyTo) {
    const parent = stored.find((m) => m.id === pending.replyTo);
    if (parent)
      replyTo = {
        id: parent.id,
        seq: parent.seq,
        sender: parent.sender,
        body: parent.body,
        deleted: parent.deletedAt !== null,
      };
  }
  const failed = pending.state === 'failed';
  const reason = failed && pending.error ? toFormErrors({ ...pending.error, problem: null }, []).form : null;
  return {
    clientId: pending.clientId,
    body: pending.body,
    replyTo,
    createdAt: pending.createdAt,
    status: failed ? 'failed' : 'pending',
    ...(failed ? { error: reason ? `Not sent. ${reason}` : 'Not sent.' } : {}),
  };
}
