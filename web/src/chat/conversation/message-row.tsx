import { Pencil, Reply, Trash2 } from 'lucide-react';
import { memo } from 'react';
import { Avatar } from '../../ui/avatar';
import type { Presence } from '../presence-view';
import type { MessageView } from '../timeline/message-view';
import type { TimelineRow } from '../timeline/timeline-rows';
import { fullTime, shortTime } from './message-time';

export interface MessageActions {
  reply(message: MessageView): void;
  edit(message: MessageView): void;
  remove(message: MessageView): void;
  retry(clientId: string): void;
  discard(clientId: string): void;
  jumpTo(seq: number): void;
}

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
  const classes = [
    'message',
    row.startsGroup ? 'starts-group' : 'continues-group',
    message.status,
    highlighted ? 'highlighted' : '',
  ].join(' ');
  return (
    <>
      {row.dayDivider ? (
        <div className="divider day-divider" role="separator" aria-label={row.dayDivider}>
          <span>{row.dayDivider}</span>
        </div>
      ) : null}
      {row.unreadDivider ? (
        <div className="divider unread-divider" role="separator" aria-label="New messages">
          <span>New messages</span>
        </div>
      ) : null}
      <article
        className={classes}
        aria-label={`${message.sender.displayName}, ${shortTime(message.createdAt)}`}
      >
        <div className="message-gutter">
          {row.startsGroup ? (
            <Avatar user={message.sender} presence={presence} />
          ) : (
            <time
              className="message-hover-time"
              dateTime={message.createdAt}
              title={fullTime(message.createdAt)}
            >
              {shortTime(message.createdAt)}
            </time>
          )}
        </div>
        <div className="message-content">
          {row.startsGroup ? (
            <header className="message-header">
              <span className="message-author">{message.sender.displayName}</span>
              <time dateTime={message.createdAt} title={fullTime(message.createdAt)}>
                {shortTime(message.createdAt)}
              </time>
            </header>
          ) : null}
          {message.replyTo ? (
            <button
              type="button"
              className="reply-quote"
              onClick={() => message.replyTo && actions.jumpTo(message.replyTo.seq)}
            >
              <span className="visually-hidden">Replying to </span>
              <span className="reply-quote-author">{message.replyTo.sender.displayName}</span>
              <span className="reply-quote-body">
                {message.replyTo.deleted ? 'Message deleted' : message.replyTo.body}
              </span>
            </button>
          ) : null}
          {deleted ? (
            <p className="message-body deleted">This message was deleted.</p>
          ) : (
            <p className="message-body">
              {message.body}
              {message.editedAt ? (
                <span className="message-edited" title={`Edited ${fullTime(message.editedAt)}`}>
                  {' '}
                  (edited)
                </span>
              ) : null}
            </p>
          )}
          {message.status === 'pending' ? (
            <p className="message-status" role="status">
              Sending…
            </p>
          ) : null}
          {message.status === 'failed' ? (
            <p className="message-status failed">
              <span role="alert">{message.error ?? 'Not sent.'}</span>{' '}
              <button type="button" className="link-button" onClick={() => actions.retry(message.clientId)}>
                Retry
              </button>{' '}
              <button type="button" className="link-button" onClick={() => actions.discard(message.clientId)}>
                Discard
              </button>
            </p>
          ) : null}
        </div>
        {stored && !deleted ? (
          <div className="message-actions" role="toolbar" aria-label="Message actions">
            <button
              type="button"
              className="icon-button small"
              aria-label="Reply"
              title="Reply"
              onClick={() => actions.reply(message)}
            >
              <Reply aria-hidden size={16} />
            </button>
            {own ? (
              <>
                <button
                  type="button"
                  className="icon-button small"
                  aria-label="Edit"
                  title="Edit"
                  onClick={() => actions.edit(message)}
                >
                  <Pencil aria-hidden size={16} />
                </button>
                <button
                  type="button"
                  className="icon-button small"
                  aria-label="Delete"
                  title="Delete"
                  onClick={() => actions.remove(message)}
                >
                  <Trash2 aria-hidden size={16} />
                </button>
              </>
            ) : null}
          </div>
        ) : null}
      </article>
    </>
  );
});
