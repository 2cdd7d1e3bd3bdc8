import { Agent, request } from 'node:http';
import { apiRequestErrorOf } from '@livechat/client';
import { ROUTES, type RoomIdList } from '@livechat/protocol';
import type { SessionSource } from './session-source.js';

export interface HttpSessionSourceOptions {
  /** Origin of the API, e.g. `http://127.0.0.1:3000` (plain HTTP: the API sits on the private network). */
  baseUrl: string;
  timeoutMs?: number;
  /** Sockets kept open to the API; connects beyond it wait for one (the session-load gate bounds them). */
  maxSockets?: number;
}

/**
 * The cluster's session source: `myRoomIds` over node:http with a keep-alive agent. Why not `fetch`: in
 * a CPU profile of a connect storm, undici's fetch (WHATWG Request/Response/Headers objects, an
 * AbortSignal timer, a body stream per call) was a sizeable share of the gateway's connect work; a pooled
 * `http.request` does the same call with none of those objects. Same contract as `apiSessionSource`: the user's own token, the
 * protocol's route, a refusal as `ApiRequestError` with the problem's code.
 */
export function httpSessionSource(options: HttpSessionSourceOptions): SessionSource {
  const url = new URL(ROUTES.myRoomIds.path, options.baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 64 });
  const timeoutMs = options.timeoutMs ?? 5000;
  return (token) =>
    new Promise<string[]>((resolve, reject) => {
      const req = request(
        url,
        { method: ROUTES.myRoomIds.method, agent, headers: { authorization: `Bearer ${token}` } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            try {
              const text = Buffer.concat(chunks).toString('utf8');
              const status = res.statusCode ?? 0;
              if (status === ROUTES.myRoomIds.status) resolve((JSON.parse(text) as RoomIdList).roomIds);
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
      // One timer per request, on the socket's idle time (no AbortSignal): a hung API fails the load.
      req.setTimeout(timeoutMs, () => req.destroy(new Error(`myRoomIds: no answer in ${timeoutMs} ms`)));
      req.on('error', reject);
      req.end();
    });
}
