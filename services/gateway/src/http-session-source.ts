import { Agent, request } from 'node:http';
import { apiRequestErrorOf } from '@livechat/client';
import { ROUTES, type SessionRoomIds } from '@livechat/protocol';
import type { SessionBatchLoader } from './session-source.js';

export interface HttpSessionBatchesOptions {
  /** Origin of the API, e.g. `http://127.0.0.1:3000` (plain HTTP: the API sits on the private network). */
  baseUrl: string;
  timeoutMs?: number;
  /** Sockets kept open to the API. */
  maxSockets?: number;
}

/**
 * The cluster's batch loader: `sessionRoomIds` over node:http with a keep-alive agent. Why not `fetch`:
 * in a CPU profile of a connect storm, undici's fetch (WHATWG Request/Response/Headers objects, an
 * AbortSignal timer, a body stream per call) was a sizeable share of the gateway's connect work; a pooled
 * `http.request` does the same call with none of those objects. A refusal of the whole request arrives
 * as `ApiRequestError` with the problem's code, as from `apiSessionBatches`.
 */
export function httpSessionBatches(options: HttpSessionBatchesOptions): SessionBatchLoader {
  const route = ROUTES.sessionRoomIds;
  const url = new URL(route.path, options.baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 16 });
  const timeoutMs = options.timeoutMs ?? 5000;
  return (tokens) =>
    new Promise((resolve, reject) => {
      const body = JSON.stringify({ tokens });
      const req = request(
        url,
        {
          method: route.method,
          agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            try {
              const text = Buffer.concat(chunks).toString('utf8');
              const status = res.statusCode ?? 0;
              if (status === route.status) resolve((JSON.parse(text) as SessionRoomIds).sessions);
              else
                reject(
                  apiRequestErrorOf(status, res.headers['content-type'], text, res.headers['retry-after']),
                );
            } catch (error) {
              reject(error instanceof Error ? error : new Error(String(error)));
            }
          });
        },
      );
      // One timer per request, on the socket's idle time (no AbortSignal): a hung API fails the batch.
      req.setTimeout(timeoutMs, () => req.destroy(new Error(`sessionRoomIds: no answer in ${timeoutMs} ms`)));
      req.on('error', reject);
      req.end(body);
    });
}
