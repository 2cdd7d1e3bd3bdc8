import type { ChatClient } from '@livechat/client';
import type { Message } from '@livechat/protocol';

export interface MessageStreamOptions {
  roomId: string;
  /** Chat clients that send, each in its own loop; together they send `total` messages. */
  senders: readonly { name: string; client: ChatClient }[];
  total: number;
  /**
   * The pace: message n goes no earlier than n / perSecond seconds after the start, so the stream lasts at
   * least total / perSecond seconds however fast the machine answers (a disruption at message k always
   * leaves the rest of the stream to run through it).
   */
  perSecond: number;
  /** Told after every confirmed send, with how many are confirmed so far. */
  onConfirmed?: (confirmed: number) => void;
}

/**
 * Sends `total` messages into one room through the chat clients' own send path (the API, with a
 * `clientId` and retries), each body unique. Resolves with every stored message, in seq order.
 */
export async function streamMessages(options: MessageStreamOptions): Promise<Message[]> {
  const start = Date.now();
  const confirmed: Message[] = [];
  let next = 0;
  const run = async ({ name, client }: MessageStreamOptions['senders'][number]) => {
    while (next < options.total) {
      const index = next++;
      const due = start + (index * 1000) / options.perSecond;
      if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
      confirmed.push(await client.send(options.roomId, `${name} #${index}`));
      options.onConfirmed?.(confirmed.length);
    }
  };
  await Promise.all(options.senders.map(run));
  return confirmed.sort((a, b) => a.seq - b.seq);
}

/** What a room view must show of a message: its place, identity and content. */
export const messageKey = ({ seq, id, body }: Message) => ({ seq, id, body });
