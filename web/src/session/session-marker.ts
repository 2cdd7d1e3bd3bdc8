import { SESSION_MARKER_COOKIE } from '@livechat/protocol';

/**
 * Whether this browser holds a refresh cookie, read from the marker the API sets and clears beside it
 * (the refresh cookie itself is HttpOnly). Without it a refresh could only be refused: skipping it keeps
 * a visitor who never signed in free of failing requests.
 */
export function hasSessionMarker(cookies: string = document.cookie): boolean {
  return cookies.split(';').some((cookie) => cookie.trim().startsWith(`${SESSION_MARKER_COOKIE}=`));
}
