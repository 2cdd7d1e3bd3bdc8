import type { Message, PublicUser } from '@livechat/protocol';

/** A stored message for tests: seq-numbered, one minute apart, everything else overridable. */
export function buildMessage(seq: number, sender: PublicUser, overrides: Partial<Message> = {}): Message {
  return {
    id: `m-${seq}`,
    roomId: 'r-1',
    seq,
    revision: seq,
    sender,
    clientId: `c-${sender.id}-${seq}`,
    body: `message ${seq}`,
    replyTo: null,
    createdAt: new Date(Date.UTC(2026, 0, 1, 10, seq)).toISOString(),
    editedAt: null,
    deletedAt: null,
    ...overrides,
  };
}
