import type { RoomSummary } from '@livechat/protocol';
import { Search } from 'lucide-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import {
  Command,
  CommandDialog,
  CommandEmpty,
  CommandGroup,
  CommandInput,
  CommandItem,
  CommandList,
} from '../../components/ui/command';
import { useNavigate } from '@tanstack/react-router';
import { IconButton } from '../../ui/icon-button';
import { useFocusReturn } from '../../ui/use-focus-return';
import { whenClosed } from '../../ui/when-closed';
import { useChat } from '../chat-context';
import { orderRooms } from './room-summary-updates';
import { UnreadBadge } from './unread-badge';

/** Rooms whose name holds what was typed, in any case; ids are values, never matched. */
const byRoomName = (_value: string, search: string, keywords: string[] = []) =>
  keywords.some((name) => name.toLocaleLowerCase().includes(search.trim().toLocaleLowerCase())) ? 1 : 0;

/** Ctrl+K, or Cmd+K on a Mac: wherever focus is on the chat screen, even in the composer. */
const isSwitcherShortcut = (event: KeyboardEvent) =>
  event.key.toLowerCase() === 'k' && (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey;

/**
 * Jump to any room by typing part of its name (cmdk): Ctrl/Cmd+K or the search button opens it, arrows
 * move, Enter opens the room, Escape closes. Rooms are in sidebar order, latest activity first.
 */
export function RoomSwitcher() {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!isSwitcherShortcut(event)) return;
      event.preventDefault();
      setOpen((current) => !current);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  return (
    <>
      <IconButton
        label="Switch room (Ctrl+K)"
        aria-keyshortcuts="Control+K Meta+K"
        onClick={() => setOpen(true)}
      >
        <Search aria-hidden />
      </IconButton>
      {open ? <SwitcherDialog onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function SwitcherDialog({ onClose }: { onClose: () => void }) {
  const rooms = useChat((s) => s.rooms);
  const ordered = useMemo(() => orderRooms(rooms.values()), [rooms]);
  const returnFocus = useFocusReturn();
  const navigate = useNavigate();
  // Once a room is chosen, its screen places focus (in its composer): nothing to give back.
  const switched = useRef(false);
  const openRoom = (room: RoomSummary) => {
    switched.current = true;
    onClose();
    void navigate({ to: '/rooms/$roomId', params: { roomId: room.id } });
  };
  return (
    <CommandDialog
      open
      onOpenChange={whenClosed(onClose)}
      onCloseAutoFocus={(event) => (switched.current ? event.preventDefault() : returnFocus(event))}
      title="Switch room"
      description="Type part of a room's name, then press Enter to open it."
    >
      <Command label="Switch room" filter={byRoomName}>
        <CommandInput placeholder="Find a room…" />
        <CommandList>
          <CommandEmpty>No room by that name.</CommandEmpty>
          <CommandGroup heading="Rooms">
            {ordered.map((room) => (
              <CommandItem
                key={room.id}
                value={room.id}
                keywords={[room.name]}
                onSelect={() => openRoom(room)}
              >
                <span className="flex-1 truncate">{room.name}</span>
                {room.unreadCount > 0 ? <UnreadBadge count={room.unreadCount} /> : null}
              </CommandItem>
            ))}
          </CommandGroup>
        </CommandList>
      </Command>
    </CommandDialog>
  );
}
