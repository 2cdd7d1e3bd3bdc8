import { randomUUID } from 'node:crypto';
import type { MessageNewEvent } from '@livechat/protocol';
import { stampedBody } from './send-stamp.js';

const sender = { id: randomUUID(), displayName: 'Benchmark sender' };
let seq = 0;

/** A `message:new` event of realistic size and shape whose body carries its send time. */
export function benchMessageEvent(roomId: string): MessageNewEvent {
  seq++;
  const now = new Date().toISOString();
  return {
    roomId,
    lastSeq: seq,
    revision: seq,
    message: {
      id: randomUUID(),
      roomId,
      seq,
      revision: seq,
      sender,
      clientId: `bench-${seq}`,
      body: stampedBody(),
      replyTo: null,
      createdAt: now,
      editedAt: null,
      deletedAt: null,
    },
  };
}
