import { X } from 'lucide-react';
import type { PublicUser } from '@livechat/protocol';
import { useEffect, useId, useState } from 'react';
import { Avatar } from '../../ui/avatar';
import { useChatStore } from '../chat-context';

const SEARCH_DELAY_MS = 250;

/**
 * Find people by name (or a whole email address) and collect them. Results exclude me and `excludeIds`
 * (people already in the room); the chosen ones show as removable chips.
 */
export function PeoplePicker({
  chosen,
  onChange,
  excludeIds = [],
}: {
  chosen: readonly PublicUser[];
  onChange: (people: PublicUser[]) => void;
  excludeIds?: readonly string[];
}) {
  const store = useChatStore();
  const inputId = useId();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<PublicUser[]>([]);
  const [status, setStatus] = useState<string>('');

  useEffect(() => {
    const q = query.trim();
    if (!q) {
      setResults([]);
      setStatus('');
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      store.searchUsers(q).then(
        (users) => {
          if (!live) return;
          setResults(users);
          setStatus(users.length ? `${users.length} found` : 'Nobody found by that name');
        },
        () => live && setStatus('Search failed; try again.'),
      );
    }, SEARCH_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query, store]);

  const hidden = new Set([store.me.id, ...excludeIds, ...chosen.map((p) => p.id)]);
  const visible = results.filter((user) => !hidden.has(user.id));
  return (
    <div className="people-picker">
      <label htmlFor={inputId} className="field-label">
        Add people
      </label>
      <input
        id={inputId}
        type="search"
        value={query}
        autoComplete="off"
        placeholder="Search by name or email"
        onChange={(event) => setQuery(event.target.value)}
      />
      <p className="visually-hidden" aria-live="polite">
        {status}
      </p>
      {visible.length > 0 ? (
        <ul className="people-results" aria-label="Search results">
          {visible.map((user) => (
            <li key={user.id}>
              <button type="button" className="person-button" onClick={() => onChange([...chosen, user])}>
                <Avatar user={user} size="small" />
                <span className="person-name">{user.displayName}</span>{' '}
                <span className="person-action">Add</span>
              </button>
            </li>
          ))}
        </ul>
      ) : query.trim() && status ? (
        <p className="muted small-text">{status}</p>
      ) : null}
      {chosen.length > 0 ? (
        <ul className="chips" aria-label="People to add">
          {chosen.map((user) => (
            <li key={user.id} className="chip">
              {user.displayName}
              <button
                type="button"
                className="chip-remove"
                aria-label={`Remove ${user.displayName}`}
                onClick={() => onChange(chosen.filter((p) => p.id !== user.id))}
              >
                <X aria-hidden size={14} />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
