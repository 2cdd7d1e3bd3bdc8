import { useEffect } from 'react';
import { useChat } from '../chat-context';
import { useUnreadFavicon } from '../notifications/use-unread-favicon';

const BASE_TITLE = 'LiveChat';

/**
 * Puts the number of unread messages in the tab's title, "(3) LiveChat", and as a badge on its icon, so a
 * background tab shows news. Rooms whose notifications are off ("None") do not count: that is what
 * turning them off asks for; their own badge in the room list still shows.
 */
export function useUnreadTitle(): void {
  const total = useChat((s) => {
    let sum = 0;
    for (const room of s.rooms.values()) if (room.notificationLevel !== 'none') sum += room.unreadCount;
    return sum;
  });
  useEffect(() => {
    document.title = total > 0 ? `(${total > 99 ? '99+' : total}) ${BASE_TITLE}` : BASE_TITLE;
    return () => {
      document.title = BASE_TITLE;
    };
  }, [total]);
  useUnreadFavicon(total);
}
