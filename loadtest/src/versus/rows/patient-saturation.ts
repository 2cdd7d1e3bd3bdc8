import type { HistogramBucket } from '../../stats/histogram-quantile.js';
import { histogramQuantile } from '../../stats/histogram-quantile.js';
import { summarizeLatencies } from '../../stats/latency-summary.js';
import { runPatientSenders } from '../patient-senders.js';
import { emptyTally, MAX_OPEN_SENDS } from '../send-tally.js';
import type { VersusContext } from '../versus-context.js';
import type { VersusLine } from '../versus-table.js';
import type { SendSubject } from './send-throughput.js';

/** How long senders may keep retrying after the last message fell due. */
const DRAIN_MS = 10_000;

/**
 * Row 2, second half: the same demand (`rate` messages/s, twice what row 1 measured) from senders that
 * behave as @livechat/client does — one message in flight each, a refusal retried after its Retry-After
 * (`patient-senders.ts`) — rather than from a generator that ignores every Retry-After. As many senders
 * as the first half's cap on open requests, so neither half may have more requests open than the other.
 */
export async function patientSaturationLines(
  context: VersusContext,
  {
    subject,
    serverDurations,
    rate,
  }: { subject: SendSubject; serverDurations: () => Promise<HistogramBucket[]>; rate: number },
): Promise<VersusLine[]> {
  await context.settle('row 2, LiveChat, clients obeying Retry-After');
  const durationsBefore = await serverDurations();
  const tally = emptyTally();
  const routes = Array.from(
    { length: MAX_OPEN_SENDS },
    (_, index) => subject.routes[index % subject.routes.length]!,
  );
  const result = await runPatientSenders(
    { routes, ratePerSecond: rate, durationMs: context.options.saturation.durationMs, drainMs: DRAIN_MS },
    `patient-${Date.now()}`,
    tally,
  );
  const serverP99 = histogramQuantile(durationsBefore, await serverDurations(), 0.99);
  const row = `2 past saturation, ${MAX_OPEN_SENDS} clients obeying Retry-After (${rate}/s due)`;
  return [
    {
      row,
      figure: 'accepted-send p99 ms',
      livechat: summarizeLatencies(tally.acceptedMs).p99,
      target: { below: 250 },
    },
    { row, figure: 'accepted-send p50 ms', livechat: summarizeLatencies(tally.acceptedMs).p50 },
    {
      row,
      figure: "accepted-send p99 ms in the API's own histogram (bucket bound)",
      livechat: serverP99 * 1000,
    },
    { row, figure: 'messages due', livechat: result.due },
    { row, figure: 'messages stored', livechat: result.stored },
    { row, figure: 'attempts refused with Retry-After, retried', livechat: result.retries },
    { row, figure: `still unsent ${DRAIN_MS / 1000} s after the last fell due`, livechat: result.unsent },
    { row, figure: 'given up by the client library', livechat: result.abandoned },
    {
      row,
      figure: '503/429 without Retry-After',
      livechat: tally.shedWithoutRetryAfter,
      target: { equals: 0 },
    },
    { row, figure: 'other 5xx', livechat: tally.otherServerErrors, target: { equals: 0 } },
    { row, figure: 'no answer (reset, timeout)', livechat: tally.noAnswer, target: { equals: 0 } },
  ];
}
