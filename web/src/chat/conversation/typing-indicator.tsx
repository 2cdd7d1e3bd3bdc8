import type { TypingEvent } from '@livechat/protocol';
import { useChat } from '../chat-context';
import { typingText } from './typing-text';

const NOBODY: readonly TypingEvent[] = [];

export function TypingIndicator({ roomId }: { roomId: string }) {
  const people = useChat((s) => s.typing.get(roomId) ?? NOBODY);
  return (
    <p className="min-h-5.5 px-4 text-[13px] text-muted-foreground italic" aria-live="polite">
      {typingText(people)}
    </p>
  );
}
