import { MESSAGE_MAX_LENGTH } from '@livechat/protocol';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { Button } from '../../components/ui/button';
import { Textarea } from '../../components/ui/textarea';
import { cn } from '../../lib/utils';
import { Kbd } from '../../ui/kbd';
import type { MessageView } from '../timeline/message-view';
import { characterCountText, isOverLimit } from './character-count';
import { plainText } from './markdown/plain-text';

export type ComposerMode =
  { kind: 'new' } | { kind: 'reply'; to: MessageView } | { kind: 'edit'; message: MessageView };

interface ComposerProps {
  roomName: string;
  mode: ComposerMode;
  onCancelMode: () => void;
  onSend: (body: string) => void;
  onSaveEdit: (message: MessageView, body: string) => Promise<void>;
  /** ArrowUp in an empty composer: edit my last message. */
  onEditLast: () => void;
  onTyping: () => void;
}

const MAX_ROWS = 8;
const MODE_BAR = 'flex justify-between gap-2.5 rounded-lg bg-muted px-2.5 py-1.5 text-[13px]';

/**
 * The message box. Enter sends, Shift+Enter starts a new line (and Enter while an input method is
 * composing is left alone), Escape cancels a reply or an edit. Sending clears the box at once: the message
 * is already on screen as pending.
 */
export function Composer({
  roomName,
  mode,
  onCancelMode,
  onSend,
  onSaveEdit,
  onEditLast,
  onTyping,
}: ComposerProps) {
  const input = useRef<HTMLTextAreaElement>(null);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const draftBeforeEdit = useRef('');

  useEffect(() => {
    if (mode.kind === 'edit') {
      draftBeforeEdit.current = text;
      setText(mode.message.body);
    }
    setError(null);
    input.current?.focus();
    // Only a change of mode resets the box (so `text` is read, not depended on): typing must not.
  }, [mode]);

  // Grow with the text up to MAX_ROWS lines (CSSOM, allowed by the strict CSP).
  useEffect(() => {
    const element = input.current;
    if (!element) return;
    element.style.height = 'auto';
    const lineHeight = parseFloat(getComputedStyle(element).lineHeight) || 20;
    element.style.height = `${Math.min(element.scrollHeight, lineHeight * MAX_ROWS + 20)}px`;
  }, [text]);

  const submit = async () => {
    const body = text.trim();
    if (!body || saving) return;
    if (body.length > MESSAGE_MAX_LENGTH) {
      setError(`Messages can be at most ${MESSAGE_MAX_LENGTH} characters.`);
      return;
    }
    if (mode.kind === 'edit') {
      if (body === mode.message.body) {
        cancel();
        return;
      }
      setSaving(true);
      try {
        await onSaveEdit(mode.message, body);
        setText(draftBeforeEdit.current);
        onCancelMode();
      } catch {
        setError('The edit was not saved. Try again.');
      } finally {
        setSaving(false);
      }
      return;
    }
    onSend(body);
    setText('');
    setError(null);
  };

  const cancel = () => {
    if (mode.kind === 'edit') setText(draftBeforeEdit.current);
    onCancelMode();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void submit();
    } else if (event.key === 'Escape' && mode.kind !== 'new') {
      event.preventDefault();
      cancel();
    } else if (event.key === 'ArrowUp' && text === '' && mode.kind === 'new') {
      event.preventDefault();
      onEditLast();
    }
  };

  const onChange = (value: string) => {
    setText(value);
    // Every keystroke: the client library decides how often it is announced.
    if (value && mode.kind !== 'edit') onTyping();
  };

  // Over the limit the draft stays (the person trims it) and Send is off: the server would refuse it.
  const overLimit = isOverLimit(text.trim().length);
  const countText = characterCountText(text.trim().length);
  return (
    <form
      className="flex flex-col gap-1.5 px-4 pb-3.5"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      {mode.kind === 'reply' ? (
        <div className={MODE_BAR}>
          <span className="min-w-0 truncate">
            Replying to <strong>{mode.to.sender.displayName}</strong>:{' '}
            <span className="text-muted-foreground">
              {mode.to.deletedAt ? 'deleted message' : plainText(mode.to.body)}
            </span>
          </span>
          <Button type="button" variant="link" size="inline" onClick={cancel}>
            Cancel reply <Kbd>Esc</Kbd>
          </Button>
        </div>
      ) : null}
      {mode.kind === 'edit' ? (
        <div className={MODE_BAR}>
          <span>Editing your message</span>
          <Button type="button" variant="link" size="inline" onClick={cancel}>
            Cancel edit <Kbd>Esc</Kbd>
          </Button>
        </div>
      ) : null}
      <div className="flex items-end gap-2">
        <Textarea
          ref={input}
          className="max-h-[40vh] flex-1"
          rows={1}
          value={text}
          aria-label={mode.kind === 'edit' ? 'Edit message' : `Message ${roomName}`}
          placeholder={mode.kind === 'edit' ? 'Edit your message' : `Message ${roomName}`}
          onChange={(event) => onChange(event.target.value)}
          onKeyDown={onKeyDown}
          aria-invalid={error ? true : undefined}
        />
        <Button type="submit" disabled={!text.trim() || saving || overLimit}>
          {mode.kind === 'edit' ? 'Save' : 'Send'}
        </Button>
      </div>
      {error ? (
        <p className="text-[13px] text-destructive" role="alert">
          {error}
        </p>
      ) : null}
      {countText ? (
        <p
          className={cn('text-xs', overLimit ? 'text-destructive' : 'text-muted-foreground')}
          aria-live="polite"
        >
          {countText}
        </p>
      ) : null}
    </form>
  );
}
