import { performance } from 'node:perf_hooks';
import { ApiRequestError } from '@livechat/client';
import type { ErrorCode } from '@livechat/protocol';
import { postJson, type PostAnswer } from './http-post.js';

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
  /** Latency of the sends refused 503/429 with Retry-After: how long a refusal took to come back. */
  shedMs: number[];
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
  shedMs: [],
  shed: 0,
  shedWithoutRetryAfter: 0,
  otherServerErrors: 0,
  otherClientErrors: 0,
  noAnswer: 0,
  samples: [],
});

/**
 * POSTs one message as LiveChat's and the baseline's clients both send it (JSON `{ clientId, body }` on a
 * keep-alive connection, `http-post.ts`) and tallies the answer. Throws unless it was accepted, so loops
 * count failures too: an `ApiRequestError` for an HTTP refusal, the network's error for no answer.
 */
export async function timedSend(route: SendRoute, clientId: string, body: string, tally: SendTally) {
  const started = performance.now();
  let answer: PostAnswer;
  try {
    answer = await postJson(
      new URL(route.url),
      route.token ? { authorization: `Bearer ${route.token}` } : {},
      JSON.stringify({ clientId, body }),
    );
  } catch (error) {
    tally.noAnswer++;
    const code = (error as { code?: string }).code;
    if (tally.samples.length < 5) tally.samples.push(`${String(error)}${code ? ` (${code})` : ''}`);
    throw error;
  }
  const { status, retryAfter } = answer;
  if (status === 201) return void tally.acceptedMs.push(performance.now() - started);
  if ((status === 503 || status === 429) && retryAfter) {
    tally.shed++;
    tally.shedMs.push(performance.now() - started);
  } else if (status === 503 || status === 429) tally.shedWithoutRetryAfter++;
  else if (status >= 500) tally.otherServerErrors++;
  else tally.otherClientErrors++;
  const failure = `HTTP ${status}${retryAfter ? ` (Retry-After ${retryAfter})` : ''}`;
  if (tally.samples.length < 5) tally.samples.push(failure);
  // As @livechat/client sees a refusal, so that a sender can retry it with the library's own policy.
  throw new ApiRequestError(status, codeOf(status), failure, null, retryAfter);
}

/** The problem code a refusal of this status carries, near enough for the client's retry policy. */
const codeOf = (status: number): ErrorCode =>
  status === 429
    ? 'rate_limited'
    : status === 503
      ? 'unavailable'
      : status >= 500
        ? 'internal'
        : 'validation_failed';
