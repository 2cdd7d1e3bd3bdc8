import { X } from 'lucide-react';
import { Button } from '../../components/ui/button';
import { IconButton } from '../../ui/icon-button';

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
    <div className="flex items-center justify-between bg-selected py-1 pr-2 pl-4 text-sm font-semibold">
      <span>
        {count} new {count === 1 ? 'message' : 'messages'}
      </span>
      <div className="flex flex-wrap items-center gap-2">
        <Button
          type="button"
          variant="link"
          size="inline"
          onClick={() => {
            onJump();
            onDismiss();
          }}
        >
          Jump to first unread
        </Button>
        <IconButton label="Dismiss" size="icon-sm" onClick={onDismiss}>
          <X aria-hidden />
        </IconButton>
      </div>
    </div>
  );
}
