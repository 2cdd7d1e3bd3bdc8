import { createApiClient } from '@livechat/client';

/**
 * Loads the ids of a connecting user's rooms. The gateway never opens Postgres: it asks the API, as that
 * user (their own access token), so it learns exactly what the user may see — and only the ids (one lean
 * query, `myRoomIds`): the display name rides in the token itself.
 */
export type SessionSource = (token: string) => Promise<string[]>;

export interface ApiSessionSourceOptions {
  /** Origin of the API, e.g. `http://127.0.0.1:3000`. */
  baseUrl: string;
  /** How the requests travel: the network by default; the standalone server passes `app.inject`. */
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/**
 * A session source over the API's REST route `myRoomIds` through a `fetch`: the standalone server passes
 * `app.inject`. Across the network the cluster uses `httpSessionSource` (cheaper per connect).
 */
export function apiSessionSource(options: ApiSessionSourceOptions): SessionSource {
  const baseFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const timeoutMs = options.timeoutMs ?? 5000;
  const timedFetch: typeof fetch = (input, init) =>
    baseFetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  return async (token) => {
    const api = createApiClient({ baseUrl: options.baseUrl, fetch: timedFetch, getToken: () => token });
    return (await api.call('myRoomIds')).roomIds;
  };
}
