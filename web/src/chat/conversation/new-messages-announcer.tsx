import { useEffect, useRef, useState } from 'react';
import type { MessageView } from '../timeline/message-view';

/**
 * Tells screen-reader users about messages that arrive from others while they are in the room. The message
 * list itself is not a live region: it is windowed, and rows appearing as one scrolls are not news.
 */
export function NewMessagesAnnouncer({ views, myId }: { views: readonly MessageView[]; myId: string }) {
  const [text, setText] = useState('');
  const lastSeq = useRef<number | null>(null);
  useEffect(() => {
    let newest: MessageView | undefined;
    for (let i = views.length - 1; i >= 0 && !newest; i--) if (views[i]?.seq !== null) newest = views[i];
    const seq = newest?.seq ?? 0;
    if (lastSeq.current !== null && newest && seq > lastSeq.current && newest.sender.id !== myId) {
      setText(`${newest.sender.displayName}: ${newest.body}`);
    }
    lastSeq.current = Math.max(lastSeq.current ?? 0, seq);
  }, [views, myId]);
  return (
    <div className="sr-only" aria-live="polite">
      {text}
    </div>
  );
}
