import type { ChatClient } from '@livechat/client';

/**
 * Checks every snapshot a client shows of a room from now on, not only the last one: seqs strictly
 * increasing, so no message ever shows twice or out of order. (A hole may show for a moment while the
 * client fetches what it missed; the final view is checked for those.) Returns what went wrong.
 */
export function watchRoomOrder(client: ChatClient, roomId: string): string[] {
  const disorder: string[] = [];
  client.onMessages(roomId, ({ messages }) => {
    for (let i = 1; i < messages.length; i += 1) {
      const [previous, current] = [messages[i - 1]!, messages[i]!];
      if (current.seq <= previous.seq) disorder.push(`seq ${current.seq} after seq ${previous.seq}`);
    }
  });
  return disorder;
}
