import { performance } from 'node:perf_hooks';

/** Where a benchmark send goes: the full URL of a room's send route, and the bearer token if it needs one. */
export interface SendRoute {
  url: string;
  token?: string;
}

/**
 * Sends open at once, at most, in the open-loop rows: well past what the API admits (concurrency plus
 * its queue of 200) so it has to shed, yet few enough keep-alive connections for this one process.
 */
export const MAX_OPEN_SENDS = 1000;

/** What came back from a batch of sends, by kind of answer; latency is kept for accepted sends only. */
export interface SendTally {
  acceptedMs: number[];
  /** 503 or 429 with a Retry-After header: the server shed the send and said when to come back. */
  shed: number;
  /** 503 or 429 without Retry-After. */
  shedWithoutRetryAfter: number;
  /** Any other 5xx: a failure the client cannot act on. */
  otherServerErrors: number;
  /** 4xx other than 429. */
  otherClientErrors: number;
  /** Requests that got no answer at all (reset, refused, timed out). */
  noAnswer: number;
  samples: string[];
}

/** Sends that did not succeed, whatever the reason. */
export const failedSends = (tally: SendTally) =>
  tally.shed +
  tally.shedWithoutRetryAfter +
  tally.otherServerErrors +
  tally.otherClientErrors +
  tally.noAnswer;

export const emptyTally = (): SendTally => ({
  acceptedMs: [],
  shed: 0,
  shedWithoutRetryAfter: 0,
  otherServerErrors: 0,
  otherClientErrors: 0,
  noAnswer: 0,
  samples: [],
});

/**
 * POSTs one message as LiveChat's and the baseline's clients both send it (JSON `{ clientId, body }`,
 * keep-alive fetch) and tallies the answer. Throws unless it was accepted, so loops count failures too.
 */
export async function timedSend(route: SendRoute, clientId: string, body: string, tally: SendTally) {
  const started = performance.now();
  let response: Response;
  try {
    response = await fetch(route.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(route.token ? { authorization: `Bearer ${route.token}` } : {}),
      },
      body: JSON.stringify({ clientId, body }),
    });
    await response.arrayBuffer();
  } catch (error) {
    tally.noAnswer++;
    // fetch hides why behind "fetch failed": the cause says whether the server reset, refused or timed out.
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    if (tally.samples.length < 5)
      tally.samples.push(`${String(error)} (${cause?.code ?? cause?.message ?? 'no cause'})`);
    throw error;
  }
  const { status } = response;
  const retryAfter = response.headers.get('retry-after');
  if (status === 201) return void tally.acceptedMs.push(performance.now() - started);
  if (status === 503 || status === 429) tally[retryAfter ? 'shed' : 'shedWithoutRetryAfter']++;
  else if (status >= 500) tally.otherServerErrors++;
  else tally.otherClientErrors++;
  const failure = `HTTP ${status}${retryAfter ? ` (Retry-After ${retryAfter})` : ''}`;
  if (tally.samples.length < 5) tally.samples.push(failure);
  throw new Error(failure);
}
