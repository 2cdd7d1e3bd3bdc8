import { ArrowDown } from 'lucide-react';
import { may, type Message } from '@livechat/protocol';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Button } from '../../components/ui/button';
import { FormMessage } from '../../forms/form-message';
import { cn } from '../../lib/utils';
import { WindowedList, type WindowedListHandle } from '../../ui/windowed-list';
import { useChat, useChatStore } from '../chat-context';
import { MembersPanel } from '../members/members-panel';
import { pendingToOutgoing, type OutgoingList } from '../outgoing/outgoing-messages';
import { mergeOutgoing } from '../timeline/merge-outgoing';
import { messageKey, quoteOf, type MessageView } from '../timeline/message-view';
import { buildTimelineRows, type TimelineRow } from '../timeline/timeline-rows';
import { firstUnreadKey } from '../timeline/unread';
import { Composer, type ComposerMode } from './composer';
import { ConversationHeader } from './conversation-header';
import { DeleteMessageDialog } from './delete-message-dialog';
import { MessageRow, type MessageActions } from './message-row';
import { NewMessagesAnnouncer } from './new-messages-announcer';
import { TypingIndicator } from './typing-indicator';
import { UnreadJumpBar } from './unread-jump-bar';
import { ListTooltip } from '../../ui/list-tooltip';
import { usePresence } from '../presence-view';

const NO_OUTGOING: OutgoingList = [];
// First in the timeline (loading earlier messages), it floats over the top of the list.
const TIMELINE_NOTE =
  'px-4 py-6 text-center text-muted-foreground first:absolute first:inset-x-0 first:top-0 first:z-1 first:bg-background first:p-1.5 first:text-[13px]';
const NO_MESSAGES: readonly Message[] = [];
const NEW_MODE: ComposerMode = { kind: 'new' };
const rowKey = (row: TimelineRow) => row.message.key;

/** One room: its history (windowed), the composer, and — on wide screens or on demand — its members. */
export function Conversation({ roomId }: { roomId: string }) {
  const store = useChatStore();
  const me = store.me;
  const room = useChat((s) => s.rooms.get(roomId));
  const ready = useChat((s) => s.status === 'ready');
  const view = useChat((s) => s.views.get(roomId));
  const queued = useChat((s) => s.queued.get(roomId) ?? NO_OUTGOING);
  const load = useChat((s) => s.loads.get(roomId));
  const presenceOf = usePresence();
  const list = useRef<WindowedListHandle>(null);
  const [mode, setMode] = useState<ComposerMode>(NEW_MODE);
  const [highlighted, setHighlighted] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<MessageView | null>(null);
  const [showMembers, setShowMembers] = useState(() => window.matchMedia('(min-width: 1100px)').matches);
  const [atBottom, setAtBottom] = useState(true);
  const [firstVisible, setFirstVisible] = useState(0);
  // The read marker as it was when the room opened: the "New messages" line stays put while reading.
  const [readAtOpen, setReadAtOpen] = useState<{ seq: number; unread: number } | null>(null);

  useEffect(() => {
    void store.openRoom(roomId);
  }, [store, roomId]);
  useEffect(() => {
    if (room && readAtOpen === null) setReadAtOpen({ seq: room.lastReadSeq, unread: room.unreadCount });
  }, [room, readAtOpen]);

  const stored = view?.messages ?? NO_MESSAGES;
  const outgoing = useMemo(() => {
    const pending = (view?.pending ?? []).map((p) => pendingToOutgoing(p, store.quotes, stored));
    const handedOver = new Set(pending.map((p) => p.clientId));
    return [...pending, ...queued.filter((q) => !handedOver.has(q.clientId))];
  }, [view, queued, store.quotes, stored]);
  const views = useMemo(() => mergeOutgoing(stored, outgoing, me), [stored, outgoing, me]);
  const unreadKey = useMemo(
    () => (readAtOpen ? firstUnreadKey(views, readAtOpen.seq, me.id) : null),
    [views, readAtOpen, me.id],
  );
  const rows = useMemo(() => buildTimelineRows(views, unreadKey), [views, unreadKey]);
  // The jump bar is for unread messages out of sight: not loaded yet, or above the viewport.
  const unreadIndex = useMemo(
    () => (unreadKey ? rows.findIndex((r) => r.message.key === unreadKey) : -1),
    [rows, unreadKey],
  );
  const unreadLineShown = unreadIndex >= 0 && unreadIndex >= firstVisible;

  const jumpToSeq = useCallback(
    async (seq: number) => {
      await store.loadThrough(roomId, seq);
      const target = (store.getSnapshot().views.get(roomId)?.messages ?? []).find((m) => m.seq >= seq);
      if (!target) return;
      const key = messageKey(target.sender.id, target.clientId);
      list.current?.scrollToKey(key);
      setHighlighted(key);
      setTimeout(() => setHighlighted((current) => (current === key ? null : current)), 2000);
    },
    [store, roomId],
  );

  const actions = useMemo<MessageActions>(
    () => ({
      reply: (message) => setMode({ kind: 'reply', to: message }),
      edit: (message) => setMode({ kind: 'edit', message }),
      remove: (message) => setDeleting(message),
      retry: (clientId) => store.retry(roomId, clientId),
      discard: (clientId) => store.discard(roomId, clientId),
      jumpTo: (seq) => void jumpToSeq(seq),
    }),
    [store, roomId, jumpToSeq],
  );

  const renderRow = useCallback(
    (row: TimelineRow) => (
      <MessageRow
        row={row}
        own={row.message.sender.id === me.id}
        presence={presenceOf(row.message.sender.id)}
        highlighted={row.message.key === highlighted}
        actions={actions}
      />
    ),
    [me.id, presenceOf, highlighted, actions],
  );
  const onNearTop = useCallback(() => void store.loadOlder(roomId), [store, roomId]);

  if (!room) {
    return (
      <section className="flex flex-1 items-center justify-center p-6 text-center" aria-label="Conversation">
        <p>{ready ? 'This room no longer exists, or you are no longer in it.' : 'Loading…'}</p>
      </section>
    );
  }

  const send = (body: string) => {
    store.send(roomId, body, mode.kind === 'reply' ? quoteOf(mode.to) : null);
    setMode(NEW_MODE);
    list.current?.scrollToBottom();
  };
  const editLast = () => {
    const last = [...views]
      .reverse()
      .find((m) => m.sender.id === me.id && m.status === 'sent' && !m.deletedAt);
    if (last) setMode({ kind: 'edit', message: last });
  };

  return (
    <div
      className={cn(
        'grid min-h-0 min-w-0 flex-1 grid-cols-[minmax(0,1fr)]',
        showMembers && 'wide:grid-cols-[minmax(0,1fr)_260px]',
      )}
    >
      <section className="flex min-h-0 min-w-0 flex-col" aria-label={`Conversation in ${room.name}`}>
        <ConversationHeader
          room={room}
          onToggleMembers={() => setShowMembers((v) => !v)}
          membersOpen={showMembers}
        />
        {readAtOpen && readAtOpen.unread > 0 && !unreadLineShown ? (
          <UnreadJumpBar
            count={readAtOpen.unread}
            onJump={() => void jumpToSeq(readAtOpen.seq + 1)}
            onDismiss={() => setReadAtOpen({ ...readAtOpen, unread: 0 })}
          />
        ) : null}
        {load?.error ? <FormMessage message={load.error} /> : null}
        <div className="relative flex min-h-0 flex-1 flex-col">
          {load?.loadingOlder ? (
            <p className={TIMELINE_NOTE} role="status">
              Loading earlier messages…
            </p>
          ) : null}
          {load?.loading ? (
            <p className={TIMELINE_NOTE} role="status">
              Loading messages…
            </p>
          ) : rows.length === 0 ? (
            <p className="px-4 py-6 text-center text-muted-foreground">No messages yet. Say hello!</p>
          ) : (
            <ListTooltip className="flex min-h-0 flex-1 flex-col">
              <WindowedList
                handle={list}
                items={rows}
                itemKey={rowKey}
                renderItem={renderRow}
                onNearTop={onNearTop}
                onAtBottomChange={setAtBottom}
                onFirstVisibleChange={setFirstVisible}
                label={`Messages in ${room.name}`}
                className="message-list"
              />
            </ListTooltip>
          )}
          {!atBottom ? (
            <Button
              type="button"
              variant="outline"
              size="sm"
              className="absolute right-5 bottom-3 shadow-overlay"
              onClick={() => list.current?.scrollToBottom()}
            >
              Jump to latest
              <ArrowDown aria-hidden className="size-3.5" />
            </Button>
          ) : null}
        </div>
        <TypingIndicator roomId={roomId} />
        <Composer
          roomName={room.name}
          mode={mode}
          onCancelMode={() => setMode(NEW_MODE)}
          onSend={send}
          onSaveEdit={async (message, body) => {
            if (message.id) await store.edit(roomId, message.id, body);
          }}
          onEditLast={editLast}
          onTyping={() => store.typing(roomId)}
        />
        <NewMessagesAnnouncer views={views} myId={me.id} />
      </section>
      {showMembers ? (
        <MembersPanel
          room={room}
          canAdd={may(room.myRole, 'addMembers')}
          onClose={() => setShowMembers(false)}
        />
      ) : null}
      {deleting ? (
        <DeleteMessageDialog roomId={roomId} message={deleting} onClose={() => setDeleting(null)} />
      ) : null}
    </div>
  );
}
