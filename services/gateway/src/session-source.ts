import { createApiClient } from '@livechat/client';

/** What the gateway needs to know about a connecting user beyond their token. */
export interface UserSession {
  displayName: string;
  roomIds: string[];
}

/**
 * Loads a connecting user's rooms and display name. The gateway never opens Postgres: it asks the API,
 * as that user (their own access token), so it learns exactly what the user may see.
 */
export type SessionSource = (token: string) => Promise<UserSession>;

export interface ApiSessionSourceOptions {
  /** Origin of the API, e.g. `http://127.0.0.1:3000`. */
  baseUrl: string;
  /** How the requests travel: the network by default; the standalone server passes `app.inject`. */
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** A session source over the API's REST routes (`me` and `listRooms` of the protocol). */
export function apiSessionSource(options: ApiSessionSourceOptions): SessionSource {
  const baseFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const timeoutMs = options.timeoutMs ?? 5000;
  const timedFetch: typeof fetch = (input, init) =>
    baseFetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  return async (token) => {
    const api = createApiClient({ baseUrl: options.baseUrl, fetch: timedFetch, getToken: () => token });
    const [me, list] = await Promise.all([api.call('me'), api.call('listRooms')]);
    return { displayName: me.displayName, roomIds: list.rooms.map((room) => room.id) };
  };
}
