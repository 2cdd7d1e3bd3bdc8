import type { TypingEvent } from '@livechat/protocol';
import { useChat } from '../chat-context';

const NOBODY: readonly TypingEvent[] = [];

/** Who is typing in this room now, in words; the space is kept so the composer does not jump. */
export function typingText(people: readonly { displayName: string }[]): string {
  const names = people.map((p) => p.displayName);
  if (names.length === 0) return '';
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
  return 'Several people are typing…';
}

export function TypingIndicator({ roomId }: { roomId: string }) {
  const people = useChat((s) => s.typing.get(roomId) ?? NOBODY);
  return (
    <p className="typing-indicator" aria-live="polite">
      {typingText(people)}
    </p>
  );
}
