import { X } from 'lucide-react';
import { useChat, useChatStore } from '../chat-context';

/**
 * What others did that concerns me ("Alice added you to Team"), shown in a corner until dismissed or
 * until it times out. One live region, so a screen reader reads each notice as it arrives.
 */
export function NoticeList() {
  const store = useChatStore();
  const notices = useChat((s) => s.notices);
  return (
    <div className="notices" role="status" aria-live="polite" aria-label="Notices">
      {notices.map((notice) => (
        <p key={notice.id} className="notice" data-testid="notice">
          <span>{notice.text}</span>
          <button
            type="button"
            className="icon-button small"
            aria-label="Dismiss notice"
            onClick={() => store.dismissNotice(notice.id)}
          >
            <X aria-hidden size={16} />
          </button>
        </p>
      ))}
    </div>
  );
}
