import type { SessionUser } from '@livechat/protocol';
import { useCallback, useEffect, useState } from 'react';
import { useNavigate } from '@tanstack/react-router';
import { orderRooms } from './rooms/room-summary-updates';
import { useSessionStore } from '../session/session-context';
import { cn } from '../lib/utils';
import { ChatContext } from './chat-context';
import { TooltipProvider } from '../components/ui/tooltip';
import { RoomErrorBoundary } from '../ui/error-boundaries';
import { ChatStore } from './chat-store';
import { ConnectionBanner } from './connection/connection-banner';
import { Conversation } from './conversation/conversation';
import { NoticeList } from './notices/notice-list';
import { useMessageNotifications } from './notifications/use-message-notifications';
import { RoomSidebar } from './rooms/room-sidebar';
import { keepChatOnDevice } from '../offline/chat-cache';
import { deviceOutbox } from '../offline/outbox';

/** The signed-in app: sidebar and the open room. One ChatStore per signed-in person. */
export function ChatScreen({ roomId, user }: { roomId: string | null; user: SessionUser }) {
  const session = useSessionStore();
  const [store, setStore] = useState<ChatStore | null>(null);

  // Created in an effect, not during render: the store owns a socket, which must be closed by the same
  // lifecycle that opened it (and React may render without committing).
  useEffect(() => {
    const me = { id: user.id, displayName: user.displayName };
    const created = new ChatStore(session, me, deviceOutbox(session, user.id));
    setStore(created);
    const stop = created.start();
    const stopSaving = keepChatOnDevice(created, session);
    return () => {
      stopSaving();
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

  const navigate = useNavigate();
  const openRoom = useCallback(
    (id: string) => void navigate({ to: '/rooms/$roomId', params: { roomId: id } }),
    [navigate],
  );
  useOpenLatestRoom(store, roomId);
  useMessageNotifications(store, openRoom);

  return (
    <ChatContext.Provider value={store}>
      <TooltipProvider>
        {/*
        Wide: sidebar | the open room. Phone: one column, the sidebar or the open room. The connection
        banner and the notices span the top and take no room while empty.
      */}
        <div className="grid h-full grid-cols-[minmax(0,1fr)] grid-rows-[auto_auto_minmax(0,1fr)] overflow-hidden wide:grid-cols-[280px_minmax(0,1fr)]">
          <ConnectionBanner />
          <NoticeList />
          <RoomSidebar activeRoomId={roomId} />
          <main className={cn('row-start-3 flex min-h-0 min-w-0', !roomId && 'max-wide:hidden')}>
            {roomId ? (
              <RoomErrorBoundary key={roomId}>
                <Conversation roomId={roomId} />
              </RoomErrorBoundary>
            ) : (
              <section
                className="flex flex-1 flex-col items-center justify-center gap-2 p-6 text-center"
                aria-label="No room open"
              >
                <h1 className="text-xl font-bold">Pick a room</h1>
                <p className="text-muted-foreground">
                  Choose a room on the left, or create one and add people to start chatting.
                </p>
              </section>
            )}
          </main>
        </div>
      </TooltipProvider>
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
  const navigate = useNavigate();
  useEffect(() => {
    if (roomId) return;
    const wide = window.matchMedia('(min-width: 721px)');
    const openLatest = () => {
      const latest = orderRooms(store.getSnapshot().rooms.values())[0];
      if (wide.matches && latest)
        void navigate({ to: '/rooms/$roomId', params: { roomId: latest.id }, replace: true });
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
  }, [store, roomId, navigate]);
}
