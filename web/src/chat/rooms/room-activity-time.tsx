import type { RoomSummary } from '@livechat/protocol';
import { fullTime } from '../conversation/message-time';
import { relativeTime } from './relative-time';
import { useMinuteClock } from './use-minute-clock';

/** When the room's last message came ("5 min", "yesterday"), with the full date and time on hover. */
export function RoomActivityTime({ room }: { room: RoomSummary }) {
  const now = useMinuteClock();
  const iso = room.lastMessage?.createdAt ?? room.lastActivityAt;
  return (
    <time className="room-time" dateTime={iso} title={fullTime(iso)}>
      {relativeTime(iso, now)}
    </time>
  );
}
