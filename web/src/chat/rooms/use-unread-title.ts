import { useEffect } from 'react';
import { useChat } from '../chat-context';

const BASE_TITLE = 'LiveChat';

/** Puts the number of unread messages in the tab's title, "(3) LiveChat", so a background tab shows news. */
export function useUnreadTitle(): void {
  const total = useChat((s) => {
    let sum = 0;
    for (const room of s.rooms.values()) sum += room.unreadCount;
    return sum;
  });
  useEffect(() => {
    document.title = total > 0 ? `(${total > 99 ? '99+' : total}) ${BASE_TITLE}` : BASE_TITLE;
    return () => {
      document.title = BASE_TITLE;
    };
  }, [total]);
}
