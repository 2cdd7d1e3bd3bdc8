import { Agent, request } from 'node:http';

/**
 * Keep-alive connections shared by every benchmark send of this process, as many as are asked for at
 * once (the open-loop rows cap themselves at MAX_OPEN_SENDS).
 */
const agent = new Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY, scheduling: 'lifo' });

/** A send that got no answer within this long counts as no answer, not as a very slow success. */
const ANSWER_TIMEOUT_MS = 30_000;

export interface PostAnswer {
  status: number;
  retryAfter: string | undefined;
}

/**
 * POSTs a JSON body over node:http and resolves once the whole answer has arrived (its body read and
 * dropped). Why not `fetch`: with 1,000 open requests this generator, not the server, became the
 * bottleneck — against a server that answers 503 at once, fetch managed ~1,000 requests/s with a p50
 * of 650–800 ms, node:http ~2,800/s with a p50 of 4 ms on the same loaded machine — so the figures of
 * the open-loop rows were the generator's.
 */
export function postJson(url: URL, headers: Record<string, string>, body: string): Promise<PostAnswer> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      {
        method: 'POST',
        agent,
        timeout: ANSWER_TIMEOUT_MS,
        headers: {
          ...headers,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      },
      (response) => {
        response.resume();
        response.once('end', () =>
          resolve({ status: response.statusCode ?? 0, retryAfter: response.headers['retry-after'] }),
        );
        response.once('error', reject);
      },
    );
    outgoing.once('timeout', () => outgoing.destroy(new Error('no answer in time (ETIMEDOUT)')));
    outgoing.once('error', reject);
    outgoing.end(body);
  });
}
