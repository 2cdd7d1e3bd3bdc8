import { X } from 'lucide-react';
import { IconButton } from '../../ui/icon-button';
import { useChat, useChatStore } from '../chat-context';

/**
 * What others did that concerns me ("Alice added you to Team"), until dismissed or timed out. One live
 * region, so a screen reader reads each notice as it arrives. Strips in the layout under the connection
 * banner, not sonner toasts: they arrive unasked, while someone may be about to click or type, and a
 * floating toast would then cover a control (the composer's Send, the header's menu) at that moment.
 */
export function NoticeList() {
  const store = useChatStore();
  const notices = useChat((s) => s.notices);
  return (
    <div
      className="col-span-full row-start-2 flex flex-col"
      role="status"
      aria-live="polite"
      aria-label="Notices"
    >
      {notices.map((notice) => (
        <p
          key={notice.id}
          className="notice flex items-center justify-center gap-2 border-b bg-selected px-4 py-0.75 text-sm font-semibold"
          data-testid="notice"
        >
          <span>{notice.text}</span>
          <IconButton label="Dismiss notice" size="icon-sm" onClick={() => store.dismissNotice(notice.id)}>
            <X aria-hidden />
          </IconButton>
        </p>
      ))}
    </div>
  );
}
