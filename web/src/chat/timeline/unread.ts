import type { Message } from '@livechat/protocol';
import type { MessageView } from './message-view';

/** Whether a message counts as unread for me: someone else's, not deleted, after my read marker. */
export const countsAsUnread = (
  message: Pick<Message, 'seq' | 'deletedAt' | 'sender'>,
  lastReadSeq: number,
  myId: string,
) => message.seq > lastReadSeq && message.deletedAt === null && message.sender.id !== myId;

/**
 * The message the "New messages" line goes above: the first one that counts as unread. Null when
 * everything loaded is read — or when the first unread is older than what is loaded (then `jumpTarget`
 * in the room says where to load to).
 */
export function firstUnreadKey(
  messages: readonly MessageView[],
  lastReadSeq: number,
  myId: string,
): string | null {
  for (const message of messages) {
    if (message.seq === null) continue;
    if (
      countsAsUnread(
        { seq: message.seq, deletedAt: message.deletedAt, sender: message.sender },
        lastReadSeq,
        myId,
      )
    ) {
      return message.key;
    }
  }
  return null;
}

/** The highest seq the reader has now seen: the newest stored message loaded. Never moves a marker back. */
export function readUpTo(messages: readonly { seq: number | null }[], lastReadSeq: number): number {
  for (let i = messages.length - 1; i >= 0; i--) {
    const seq = messages[i]?.seq;
    if (seq !== null && seq !== undefined) return Math.max(seq, lastReadSeq);
  }
  return lastReadSeq;
}
