import { performance } from 'node:perf_hooks';
import { withRetry } from '@livechat/client';
import { sleep } from '../sleep.js';
import { timedSend, type SendRoute, type SendTally } from './send-tally.js';

export interface PatientSendersOptions {
  /** One sender per route: a person in their room. */
  routes: SendRoute[];
  /** Messages due per second over all senders (each sender: its share, evenly spaced). */
  ratePerSecond: number;
  durationMs: number;
  /** After the last message falls due, how long senders may still be retrying before they give up. */
  drainMs: number;
}

export interface PatientSendersResult {
  /** Messages that fell due (the demand). */
  due: number;
  /** Messages stored (accepted by one of their attempts). */
  stored: number;
  /** Attempts refused and retried later. */
  retries: number;
  /** Messages still unsent when the drain ended. */
  unsent: number;
  /** Messages the library gave up on (a refusal it does not retry, or its 6 attempts spent). */
  abandoned: number;
}

/**
 * Senders as @livechat/client sends: each has messages falling due at its own steady pace; a message
 * typed while the previous one is on its way waits behind it (one send in flight per sender, as the web
 * app keeps them in order); a refused or unanswered attempt is repeated with the same clientId by the
 * library's own `withRetry` — after the server's Retry-After, stretched by up to a quarter so a crowd
 * does not come back in step. So the demand is the offered rate, and what reaches the server is what clients that obey
 * Retry-After send: the overload issue 7 asks the API to survive with fast accepted sends.
 */
export async function runPatientSenders(
  options: PatientSendersOptions,
  label: string,
  tally: SendTally,
): Promise<PatientSendersResult> {
  const senders = options.routes.length;
  const intervalMs = (1000 * senders) / options.ratePerSecond;
  const perSender = Math.max(1, Math.round(options.durationMs / intervalMs));
  const result: PatientSendersResult = {
    due: senders * perSender,
    stored: 0,
    retries: 0,
    unsent: 0,
    abandoned: 0,
  };
  const drained = new AbortController();
  const timer = setTimeout(
    () => drained.abort(new Error('drain over')),
    options.durationMs + options.drainMs,
  );
  const begin = performance.now();

  const sender = async (index: number) => {
    const offset = (intervalMs * index) / senders;
    for (let message = 0; message < perSender; message++) {
      const wait = begin + offset + message * intervalMs - performance.now();
      if (wait > 1) await sleep(wait);
      if (drained.signal.aborted) return void (result.unsent += perSender - message);
      const clientId = `${label}-${index}-${message}`;
      try {
        await withRetry(() => timedSend(options.routes[index]!, clientId, 'versus patient sender', tally), {
          signal: drained.signal,
          onRetry: () => void result.retries++,
        });
        result.stored++;
      } catch {
        if (drained.signal.aborted) return void (result.unsent += perSender - message);
        result.abandoned++; // the app would show it failed, with a Retry button
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: senders }, (_, index) => sender(index)));
  } finally {
    clearTimeout(timer);
  }
  return result;
}
