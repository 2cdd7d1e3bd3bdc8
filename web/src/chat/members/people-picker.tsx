import { X } from 'lucide-react';
import type { PublicUser } from '@livechat/protocol';
import { useEffect, useId, useState } from 'react';
import { Input } from '../../components/ui/input';
import { Label } from '../../components/ui/label';
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
    <div className="flex flex-col gap-1.5">
      <Label htmlFor={inputId}>Add people</Label>
      <Input
        id={inputId}
        type="search"
        value={query}
        autoComplete="off"
        placeholder="Search by name or email"
        onChange={(event) => setQuery(event.target.value)}
      />
      <p className="sr-only" aria-live="polite">
        {status}
      </p>
      {visible.length > 0 ? (
        <ul aria-label="Search results">
          {visible.map((user) => (
            <li key={user.id}>
              <button
                type="button"
                className="flex w-full cursor-pointer items-center gap-2.5 rounded-lg p-1.5 text-left hover:bg-accent"
                onClick={() => onChange([...chosen, user])}
              >
                <Avatar user={user} size="small" />
                <span className="flex-1">{user.displayName}</span>{' '}
                <span className="text-[13px] font-semibold text-primary">Add</span>
              </button>
            </li>
          ))}
        </ul>
      ) : query.trim() && status ? (
        <p className="text-[13px] text-muted-foreground">{status}</p>
      ) : null}
      {chosen.length > 0 ? (
        <ul className="flex flex-wrap gap-1.5" aria-label="People to add">
          {chosen.map((user) => (
            <li
              key={user.id}
              className="inline-flex items-center gap-1 rounded-full bg-selected py-0.5 pr-1 pl-2.5 text-[13px]"
            >
              {user.displayName}
              <button
                type="button"
                className="inline-flex size-5.5 cursor-pointer items-center justify-center rounded-full text-foreground hover:bg-accent"
                aria-label={`Remove ${user.displayName}`}
                onClick={() => onChange(chosen.filter((p) => p.id !== user.id))}
              >
                <X aria-hidden className="size-3.5" />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
