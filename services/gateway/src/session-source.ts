import { ApiRequestError, createApiClient } from '@livechat/client';
import { ERROR_STATUS, SESSION_ROOM_IDS_MAX, type SessionRoomIds } from '@livechat/protocol';

/**
 * Loads the ids of a connecting user's rooms. The gateway never opens Postgres: it asks the API, with
 * the user's own access token, so it learns exactly what the user may see — and only the ids: the
 * display name rides in the token itself.
 */
export type SessionSource = (token: string) => Promise<string[]>;

/** The API's `sessionRoomIds` answer for a batch of tokens, in their order; rejects if the call failed. */
export type SessionBatchLoader = (tokens: string[]) => Promise<SessionRoomIds['sessions']>;

export interface BatchingOptions {
  /** Requests to the API in flight at once; connects beyond them wait for the next batch. */
  maxInFlight?: number;
}

interface Waiting {
  token: string;
  resolve: (roomIds: string[]) => void;
  reject: (error: unknown) => void;
}

/**
 * A session source that batches: the connects that arrive within one turn of the event loop — or while
 * every request slot is taken — go to the API as one `sessionRoomIds` request (up to
 * SESSION_ROOM_IDS_MAX tokens), answered by one query. At a trickle a connect waits for nothing; in a
 * storm ten thousand connects cost the API and the gateway a couple of hundred requests instead of ten
 * thousand. A refused token fails its own connect only, with the API's code; a failed request fails
 * the connects of its batch.
 */
export function batchingSessionSource(
  load: SessionBatchLoader,
  options: BatchingOptions = {},
): SessionSource {
  const maxInFlight = options.maxInFlight ?? 8;
  let queue: Waiting[] = [];
  let inFlight = 0;
  let scheduled = false;

  const sendNext = () => {
    scheduled = false;
    while (inFlight < maxInFlight && queue.length > 0) {
      const batch = queue.slice(0, SESSION_ROOM_IDS_MAX);
      queue = queue.slice(batch.length);
      inFlight++;
      load(batch.map((waiting) => waiting.token))
        .then(
          (sessions) => batch.forEach((waiting, index) => settle(waiting, sessions[index])),
          (error: unknown) => batch.forEach((waiting) => waiting.reject(error)),
        )
        .finally(() => {
          inFlight--;
          sendNext();
        });
    }
  };

  return (token) =>
    new Promise<string[]>((resolve, reject) => {
      queue.push({ token, resolve, reject });
      if (!scheduled) {
        scheduled = true;
        setImmediate(sendNext);
      }
    });
}

function settle(waiting: Waiting, answer: SessionRoomIds['sessions'][number] | undefined): void {
  if (answer && 'roomIds' in answer) waiting.resolve(answer.roomIds);
  else if (answer)
    waiting.reject(
      new ApiRequestError(ERROR_STATUS[answer.error.code], answer.error.code, answer.error.message, null),
    );
  else waiting.reject(new Error('sessionRoomIds answered fewer sessions than it was asked'));
}

export interface ApiSessionSourceOptions {
  /** Origin of the API, e.g. `http://127.0.0.1:3000`. */
  baseUrl: string;
  /** How the requests travel: the network by default; the standalone server passes `app.inject`. */
  fetch?: typeof fetch;
}

/**
 * Batches of `sessionRoomIds` through a `fetch`: the standalone server passes `app.inject`. Across the
 * network the cluster uses `httpSessionBatches` (cheaper per request).
 */
export function apiSessionBatches(options: ApiSessionSourceOptions): SessionBatchLoader {
  const api = createApiClient({
    baseUrl: options.baseUrl,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  return async (tokens) => (await api.call('sessionRoomIds', { body: { tokens } })).sessions;
}
