import { MESSAGE_MAX_LENGTH, TYPING_THROTTLE_MS } from '@livechat/protocol';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { MessageView } from '../timeline/message-view';
import { characterCountText, isOverLimit } from './character-count';

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
  const lastTyping = useRef(0);
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
    const now = Date.now();
    if (value && mode.kind !== 'edit' && now - lastTyping.current > TYPING_THROTTLE_MS) {
      lastTyping.current = now;
      onTyping();
    }
  };

  // Over the limit the draft stays (the person trims it) and Send is off: the server would refuse it.
  const overLimit = isOverLimit(text.trim().length);
  const countText = characterCountText(text.trim().length);
  return (
    <form
      className="composer"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      {mode.kind === 'reply' ? (
        <div className="composer-mode">
          <span>
            Replying to <strong>{mode.to.sender.displayName}</strong>:{' '}
            <span className="composer-mode-quote">
              {mode.to.deletedAt ? 'deleted message' : mode.to.body}
            </span>
          </span>
          <button type="button" className="link-button" onClick={cancel}>
            Cancel reply <kbd>Esc</kbd>
          </button>
        </div>
      ) : null}
      {mode.kind === 'edit' ? (
        <div className="composer-mode">
          <span>Editing your message</span>
          <button type="button" className="link-button" onClick={cancel}>
            Cancel edit <kbd>Esc</kbd>
          </button>
        </div>
      ) : null}
      <div className="composer-row">
        <textarea
          ref={input}
          rows={1}
          value={text}
          aria-label={mode.kind === 'edit' ? 'Edit message' : `Message ${roomName}`}
          placeholder={mode.kind === 'edit' ? 'Edit your message' : `Message ${roomName}`}
          onChange={(event) => onChange(event.target.value)}
          onKeyDown={onKeyDown}
          aria-invalid={error ? true : undefined}
        />
        <button type="submit" className="button primary" disabled={!text.trim() || saving || overLimit}>
          {mode.kind === 'edit' ? 'Save' : 'Send'}
        </button>
      </div>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      {countText ? (
        <p className={overLimit ? 'composer-count over-limit' : 'composer-count'} aria-live="polite">
          {countText}
        </p>
      ) : null}
    </form>
  );
}
