import { X } from 'lucide-react';
/** "5 new messages since you last looked" with a jump to the first of them. */
export function UnreadJumpBar({
  count,
  onJump,
  onDismiss,
}: {
  count: number;
  onJump: () => void;
  onDismiss: () => void;
}) {
  return (
    <div className="unread-bar">
      <span>
        {count} new {count === 1 ? 'message' : 'messages'}
      </span>
      <div className="row">
        <button
          type="button"
          className="link-button"
          onClick={() => {
            onJump();
            onDismiss();
          }}
        >
          Jump to first unread
        </button>
        <button type="button" className="icon-button small" aria-label="Dismiss" onClick={onDismiss}>
          <X aria-hidden size={16} />
        </button>
      </div>
    </div>
  );
}
