import { Pencil, Reply, Trash2 } from 'lucide-react';
import { memo } from 'react';
import { Button } from '../../components/ui/button';
import { cn } from '../../lib/utils';
import { Avatar } from '../../ui/avatar';
import { IconButton } from '../../ui/icon-button';
import type { Presence } from '../presence-view';
import type { MessageView } from '../timeline/message-view';
import type { TimelineRow } from '../timeline/timeline-rows';
import { MarkdownView } from './markdown/markdown-view';
import { plainText } from './markdown/plain-text';
import { fullTime, shortTime } from './message-time';

export interface MessageActions {
  reply(message: MessageView): void;
  edit(message: MessageView): void;
  remove(message: MessageView): void;
  retry(clientId: string): void;
  discard(clientId: string): void;
  jumpTo(seq: number): void;
}

const DIVIDER =
  "flex items-center gap-2.5 px-4 py-2 text-xs font-bold text-muted-foreground before:h-px before:flex-1 before:bg-border before:content-[''] after:h-px after:flex-1 after:bg-border after:content-['']";

interface MessageRowProps {
  row: TimelineRow;
  own: boolean;
  presence: Presence;
  highlighted: boolean;
  actions: MessageActions;
}

/** One message with what goes above it (date line, "new messages" line) and its own actions. */
export const MessageRow = memo(function MessageRow({
  row,
  own,
  presence,
  highlighted,
  actions,
}: MessageRowProps) {
  const { message } = row;
  const deleted = message.deletedAt !== null;
  const stored = message.status === 'sent';
  // `message`, its status (`pending`, `failed`) and `highlighted` stay plain class names: the browser tests
  // find messages by them.
  const classes = cn(
    'message group relative grid grid-cols-[52px_minmax(0,1fr)] gap-x-2 px-4 py-0.5',
    row.startsGroup && 'pt-2',
    message.status,
    highlighted
      ? 'highlighted bg-highlight transition-colors duration-600'
      : 'focus-within:bg-accent hover:bg-accent',
  );
  return (
    <>
      {row.dayDivider ? (
        <div className={DIVIDER} role="separator" aria-label={row.dayDivider}>
          <span>{row.dayDivider}</span>
        </div>
      ) : null}
      {row.unreadDivider ? (
        <div
          className={cn(DIVIDER, 'text-destructive before:bg-destructive after:bg-destructive')}
          role="separator"
          aria-label="New messages"
        >
          <span>New messages</span>
        </div>
      ) : null}
      <article
        className={classes}
        aria-label={`${message.sender.displayName}, ${shortTime(message.createdAt)}`}
      >
        <div className="flex justify-center">
          {row.startsGroup ? (
            <Avatar user={message.sender} presence={presence} />
          ) : (
            <time
              // One line, as tall as a line of message text, so a row is never taller than its text.
              className="invisible text-[10px] leading-[21px] whitespace-nowrap text-muted-foreground group-focus-within:visible group-hover:visible"
              dateTime={message.createdAt}
              title={fullTime(message.createdAt)}
            >
              {shortTime(message.createdAt)}
            </time>
          )}
        </div>
        <div className="min-w-0">
          {row.startsGroup ? (
            <header className="flex items-baseline gap-2">
              <span className="font-bold">{message.sender.displayName}</span>
              <time
                className="text-xs text-muted-foreground"
                dateTime={message.createdAt}
                title={fullTime(message.createdAt)}
              >
                {shortTime(message.createdAt)}
              </time>
            </header>
          ) : null}
          {message.replyTo ? (
            <button
              type="button"
              className="mt-0.5 mb-1 flex max-w-full cursor-pointer gap-1.5 rounded-sm border-l-3 border-primary bg-muted px-2 py-0.75 text-left text-[13px] text-muted-foreground"
              onClick={() => message.replyTo && actions.jumpTo(message.replyTo.seq)}
            >
              <span className="sr-only">Replying to </span>
              <span className="flex-none font-bold">{message.replyTo.sender.displayName}</span>
              {/* reply-quote-body: no style, the tests read the quote by it */}
              <span className="reply-quote-body truncate">
                {message.replyTo.deleted ? 'Message deleted' : plainText(message.replyTo.body)}
              </span>
            </button>
          ) : null}
          {deleted ? (
            <p className="message-body whitespace-pre-wrap text-muted-foreground italic wrap-anywhere">
              This message was deleted.
            </p>
          ) : (
            <div
              className={cn(
                'message-body wrap-anywhere',
                message.status === 'pending' && 'text-muted-foreground',
              )}
            >
              <MarkdownView
                source={message.body}
                trailing={
                  message.editedAt ? (
                    <span
                      className="text-xs text-muted-foreground"
                      title={`Edited ${fullTime(message.editedAt)}`}
                    >
                      {' '}
                      (edited)
                    </span>
                  ) : null
                }
              />
            </div>
          )}
          {message.status === 'pending' ? (
            <p className="text-xs text-muted-foreground" role="status">
              Sending…
            </p>
          ) : null}
          {message.status === 'failed' ? (
            <p className="text-xs text-destructive">
              <span role="alert">{message.error ?? 'Not sent.'}</span>{' '}
              <Button
                type="button"
                variant="link"
                size="inline"
                onClick={() => actions.retry(message.clientId)}
              >
                Retry
              </Button>{' '}
              <Button
                type="button"
                variant="link"
                size="inline"
                onClick={() => actions.discard(message.clientId)}
              >
                Discard
              </Button>
            </p>
          ) : null}
        </div>
        {stored && !deleted ? (
          // Invisible until the row is hovered or holds focus, but never out of the tab order: Tab reaches
          // every message's actions, and focusing one shows them.
          <div
            className="pointer-events-none absolute -top-3 right-4 flex rounded-lg border bg-popover p-0.5 opacity-0 shadow-overlay group-focus-within:pointer-events-auto group-focus-within:opacity-100 group-hover:pointer-events-auto group-hover:opacity-100"
            role="toolbar"
            aria-label="Message actions"
          >
            <IconButton label="Reply" size="icon-sm" onClick={() => actions.reply(message)}>
              <Reply aria-hidden />
            </IconButton>
            {own ? (
              <>
                <IconButton label="Edit" size="icon-sm" onClick={() => actions.edit(message)}>
                  <Pencil aria-hidden />
                </IconButton>
                <IconButton label="Delete" size="icon-sm" onClick={() => actions.remove(message)}>
                  <Trash2 aria-hidden />
                </IconButton>
              </>
            ) : null}
          </div>
        ) : null}
      </article>
    </>
  );
});
