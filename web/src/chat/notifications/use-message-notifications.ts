import { useEffect } from 'react';
import type { ChatStore } from '../chat-store';
import { messageNotice } from './message-notification';

/**
 * Shows a browser notification for each new message of someone else while this tab is hidden (a visible
 * tab shows the message itself, and its title counts the unread), if the person allowed notifications
 * (`EnableNotificationsButton`) and the room's level lets it through. Clicking one brings the window
 * forward and opens the room.
 */
export function useMessageNotifications(store: ChatStore, openRoom: (roomId: string) => void): void {
  useEffect(
    () =>
      store.client.onRoomEvent((event) => {
        if (event.name !== 'message:new' || document.visibilityState !== 'hidden') return;
        if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
        const { roomId, message } = event.payload;
        const notice = messageNotice(message, store.getSnapshot().rooms.get(roomId), store.me.id);
        if (!notice) return;
        let notification: Notification;
        try {
          notification = new Notification(notice.title, {
            body: notice.body,
            tag: notice.tag,
            icon: '/favicon.svg',
          });
        } catch {
          // Some mobile browsers only notify through a service worker; the unread title still tells.
          return;
        }
        notification.onclick = () => {
          window.focus();
          openRoom(roomId);
          notification.close();
        };
      }),
    [store, openRoom],
  );
}
