import type { Presence } from '../chat/presence-view';
import type { PublicUser } from '@livechat/protocol';

const PALETTE_SIZE = 8;

/** A stable colour slot for a user: the same person has the same colour on every screen and device. */
export function hueOf(userId: string): number {
  let hash = 0;
  for (let i = 0; i < userId.length; i++) hash = (hash * 31 + userId.charCodeAt(i)) >>> 0;
  return hash % PALETTE_SIZE;
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
    <span className={`avatar ${size ?? ''}`} data-hue={hueOf(user.id)} aria-hidden="true">
      {initials(user.displayName)}
      {presence === undefined ? null : <span className={`presence-dot ${presence}`} />}
    </span>
  );
}
