import type { SessionUser } from '@livechat/protocol';
import { useEffect, useState } from 'react';
import { navigate } from '../routing/location-store';
import { paths } from '../routing/routes';
import { orderRooms } from './rooms/room-summary-updates';
import { useSessionStore } from '../session/session-context';
import { ChatContext } from './chat-context';
import { ChatStore } from './chat-store';
import { ConnectionBanner } from './connection/connection-banner';
import { Conversation } from './conversation/conversation';
import { NoticeList } from './notices/notice-list';
import { RoomSidebar } from './rooms/room-sidebar';

/** The signed-in app: sidebar and the open room. One ChatStore per signed-in person. */
export function ChatScreen({ roomId, user }: { roomId: string | null; user: SessionUser }) {
  const session = useSessionStore();
  const [store, setStore] = useState<ChatStore | null>(null);

  // Created in an effect, not during render: the store owns a socket, which must be closed by the same
  // lifecycle that opened it (and React may render without committing).
  useEffect(() => {
    const created = new ChatStore(session, { id: user.id, displayName: user.displayName });
    setStore(created);
    const stop = created.start();
    return () => {
      stop();
      setStore(null);
    };
  }, [session, user.id, user.displayName]);

  if (!store) return null;
  return <ChatLayout store={store} roomId={roomId} />;
}

function ChatLayout({ store, roomId }: { store: ChatStore; roomId: string | null }) {
  useEffect(() => {
    store.setViewing(roomId);
    const onVisibility = () => store.setViewing(roomId);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      store.setViewing(null);
    };
  }, [store, roomId]);

  useOpenLatestRoom(store, roomId);

  return (
    <ChatContext.Provider value={store}>
      <div className={`chat-layout ${roomId ? 'room-open' : 'no-room'}`}>
        <ConnectionBanner />
        <NoticeList />
        <RoomSidebar activeRoomId={roomId} />
        <main className="chat-main">
          {roomId ? (
            <Conversation key={roomId} roomId={roomId} />
          ) : (
            <section className="empty-state" aria-label="No room open">
              <h1>Pick a room</h1>
              <p className="muted">
                Choose a room on the left, or create one and add people to start chatting.
              </p>
            </section>
          )}
        </main>
      </div>
    </ChatContext.Provider>
  );
}

/**
 * On a screen wide enough to show a conversation beside the sidebar, "/" opens the room with the latest
 * activity, as chat apps do; a phone keeps the room list as its home. That happens on arriving at "/" (at
 * once, or when the room list has loaded) — not on every later change of the rooms: a room appearing
 * while the person is on "/" (one they are creating, one they were added to) must not move the screen
 * under them, least of all behind the create dialog, which navigates by itself once it has closed.
 */
function useOpenLatestRoom(store: ChatStore, roomId: string | null): void {
  useEffect(() => {
    if (roomId) return;
    const wide = window.matchMedia('(min-width: 721px)');
    const openLatest = () => {
      const latest = orderRooms(store.getSnapshot().rooms.values())[0];
      if (wide.matches && latest) navigate(paths.room(latest.id), { replace: true });
    };
    if (store.getSnapshot().status === 'ready') {
      openLatest();
      return;
    }
    const stop = store.subscribe(() => {
      if (store.getSnapshot().status !== 'ready') return;
      stop();
      openLatest();
    });
    return stop;
  }, [store, roomId]);
}
