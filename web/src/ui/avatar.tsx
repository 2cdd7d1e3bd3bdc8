import { cn } from '../lib/utils';
import type { Presence } from '../chat/presence-view';
import type { PublicUser } from '@livechat/protocol';

/** A fixed palette, readable with white initials on both themes. */
const PALETTE = [
  'bg-[#b4236c]',
  'bg-[#4338ca]',
  'bg-[#0f766e]',
  'bg-[#b45309]',
  'bg-[#7e22ce]',
  'bg-[#1d4ed8]',
  'bg-[#15803d]',
  'bg-[#be123c]',
] as const;

/*
 * `presence-dot` and its state (`online`, `offline`, `unknown`) stay as plain class names: the browser
 * tests read presence from them.
 */
const DOT = {
  online: 'bg-online',
  offline: 'bg-offline',
  // Cut off from the server: a hollow grey ring, neither the green of online nor the fill of offline.
  unknown: 'bg-background shadow-[inset_0_0_0_2px_var(--color-offline)]',
} as const;

/** A stable colour slot for a user: the same person has the same colour on every screen and device. */
export function hueOf(userId: string): number {
  let hash = 0;
  for (let i = 0; i < userId.length; i++) hash = (hash * 31 + userId.charCodeAt(i)) >>> 0;
  return hash % PALETTE.length;
}

export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const first = words[0]?.[0] ?? '?';
  const last = words.length > 1 ? (words[words.length - 1]?.[0] ?? '') : '';
  return (first + last).toUpperCase();
}

/** Initials on a colour (no images: nothing to fetch, nothing for the CSP to allow). */
export function Avatar({
  user,
  presence,
  size,
}: {
  user: PublicUser;
  /** Draws the presence dot; left out where presence is not shown. */
  presence?: Presence | undefined;
  size?: 'small';
}) {
  return (
    <span
      className={cn(
        'relative inline-flex flex-none items-center justify-center rounded-full font-bold text-white',
        size === 'small' ? 'size-7 text-xs' : 'size-9 text-sm',
        PALETTE[hueOf(user.id)],
      )}
      aria-hidden="true"
    >
      {initials(user.displayName)}
      {presence === undefined ? null : (
        <span
          className={cn(
            'presence-dot absolute -right-px -bottom-px size-2.75 rounded-full border-2 border-background',
            presence,
            DOT[presence],
          )}
        />
      )}
    </span>
  );
}
