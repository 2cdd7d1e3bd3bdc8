import { monitorEventLoopDelay } from 'node:perf_hooks';
import { ROUTES } from '@livechat/protocol';
import { cpuSeconds } from '../../processes/proc-stats.js';
import type { BenchApi } from '../../api/api-process-handle.js';
import { runOpenLoop } from '../../open-loop.js';
import { histogramQuantile } from '../../stats/histogram-quantile.js';
import { summarizeLatencies } from '../../stats/latency-summary.js';
import { emptyTally, failedSends, MAX_OPEN_SENDS, timedSend } from '../send-tally.js';
import type { VersusContext } from '../versus-context.js';
import type { VersusLine } from '../versus-table.js';
import { patientSaturationLines } from './patient-saturation.js';
import { measureSendThroughput, type SendSubject } from './send-throughput.js';

const SENDS_PER_SECOND = 'livechat sends/s';

/**
 * LiveChat's send route for the row's senders: rooms of two senders each, as issue 2's benchmark sends
 * (issue 7 names 100-member rooms for fan-out only; a send's cost no longer depends on the room's size).
 */
async function liveChatSubject(context: VersusContext, api?: BenchApi): Promise<SendSubject> {
  const livechat = await context.livechat();
  const on = api ?? livechat.api;
  const { rooms, senders } = context.options.send;
  const plan = await livechat.senderRooms(rooms, Math.ceil(senders / rooms));
  return {
    pid: on.pid,
    databaseName: livechat.databaseName,
    routes: plan.slice(0, senders).map(({ roomId, user }) => livechat.sendRoute(roomId, user, on)),
    countMessages: () => livechat.api.call('countMessages', {}),
  };
}

async function bareSubject(context: VersusContext): Promise<SendSubject> {
  const bare = await context.bare();
  const rooms = await bare.rooms(context.options.send.rooms);
  return {
    pid: bare.endpoint.pid,
    databaseName: bare.databaseName,
    routes: Array.from({ length: context.options.send.senders }, (_, index) =>
      bare.sendRoute(rooms[index % rooms.length]!),
    ),
    countMessages: () => bare.endpoint.call('countMessages', {}),
  };
}

/** Row 1: persisted sends, closed loop, LiveChat's API against the minimal endpoint. */
export async function sendRow(context: VersusContext): Promise<VersusLine[]> {
  const ours = await liveChatSubject(context);
  await context.settle('row 1, LiveChat');
  const livechat = await measureSendThroughput(ours, context.options.send);
  const theirs = await bareSubject(context);
  await context.settle('row 1, the minimal endpoint');
  const bare = await measureSendThroughput(theirs, context.options.send);
  context.measured.set(SENDS_PER_SECOND, livechat.sendsPerSecond);
  const row = '1 send';
  return [
    {
      row,
      figure: 'persisted sends/s',
      livechat: livechat.sendsPerSecond,
      baseline: bare.sendsPerSecond,
      target: { ratioAtLeast: 0.8 },
    },
    { row, figure: 'POST p50 ms', livechat: livechat.p50, baseline: bare.p50 },
    { row, figure: 'POST p99 ms', livechat: livechat.p99, baseline: bare.p99 },
    {
      row,
      figure: 'API CPU ms/message',
      livechat: livechat.processCpuMsPerMessage,
      baseline: bare.processCpuMsPerMessage,
      target: { ratioAtMost: 1.5 },
    },
    {
      row,
      figure: 'Postgres CPU ms/message',
      livechat: livechat.postgresCpuMsPerMessage,
      baseline: bare.postgresCpuMsPerMessage,
      target: { ratioAtMost: 1.5 },
    },
    { row, figure: 'failed sends', livechat: failedSends(livechat.tally), baseline: failedSends(bare.tally) },
  ];
}

/**
 * Row 2: LiveChat offered `factor` × the throughput row 1 measured, open loop (senders do not wait):
 * the sends it accepts should stay fast, the rest be refused with 503/429 and Retry-After. It runs on an
 * API replica with the deployed admission control (row 1's has a deep queue, to measure capacity).
 */
export async function saturationRow(context: VersusContext): Promise<VersusLine[]> {
  let measured = context.measured.get(SENDS_PER_SECOND);
  if (measured === undefined) {
    await sendRow(context);
    measured = context.measured.get(SENDS_PER_SECOND)!;
  }
  const [replica] = await (await context.livechat()).apiReplicas(1);
  const subject = await liveChatSubject(context, replica);
  const rate = Math.max(1, Math.round(measured * context.options.saturation.factor));
  await context.settle('row 2, LiveChat');
  const serverDurations = () =>
    replica!.call('serverDurations', { route: ROUTES.sendMessage.path, status: 201 });
  const durationsBefore = await serverDurations();
  const tally = emptyTally();
  // The generator shares the machine: its own event-loop delay says how much of a latency is its own.
  const generatorDelay = monitorEventLoopDelay({ resolution: 10 });
  generatorDelay.enable();
  const [generatorCpuBefore, apiCpuBefore, loopStarted] = [
    process.cpuUsage(),
    await cpuSeconds(replica!.pid),
    performance.now(),
  ];
  const loop = await runOpenLoop(
    {
      ratePerSecond: rate,
      durationMs: context.options.saturation.durationMs,
      maxOutstanding: MAX_OPEN_SENDS,
    },
    (index) =>
      timedSend(subject.routes[index % subject.routes.length]!, `sat-${index}`, 'versus saturation', tally),
  );
  generatorDelay.disable();
  const loopSeconds = (performance.now() - loopStarted) / 1000;
  const generatorCpu = process.cpuUsage(generatorCpuBefore);
  const busyPercent = (seconds: number) => (100 * seconds) / loopSeconds;
  const apiBusy = busyPercent((await cpuSeconds(replica!.pid)) - apiCpuBefore);
  const generatorBusy = busyPercent((generatorCpu.user + generatorCpu.system) / 1e6);
  const serverP99 = histogramQuantile(durationsBefore, await serverDurations(), 0.99);
  if (tally.samples.length) console.warn(`saturation at ${rate}/s: refusals, e.g.`, tally.samples);
  const row = `2 past saturation (${rate}/s offered)`;
  return [
    {
      row,
      figure: 'accepted-send p99 ms',
      livechat: summarizeLatencies(tally.acceptedMs).p99,
      target: { below: 250 },
    },
    {
      // Where an accepted send's time goes: inside the API (onRequest to answer) or before it reads it.
      row,
      figure: "accepted-send p99 ms in the API's own histogram (bucket bound)",
      livechat: serverP99 * 1000,
    },
    { row, figure: 'refusal (503/429) p99 ms', livechat: summarizeLatencies(tally.shedMs).p99 },
    { row, figure: 'accepted sends', livechat: tally.acceptedMs.length },
    { row, figure: 'API process CPU % of one core', livechat: apiBusy },
    { row, figure: "generator's CPU % of one core", livechat: generatorBusy },
    {
      row,
      figure: "generator's event-loop delay p99 ms",
      livechat: generatorDelay.percentile(99) / 1e6,
    },
    { row, figure: '503/429 with Retry-After', livechat: tally.shed },
    {
      row,
      figure: '503/429 without Retry-After',
      livechat: tally.shedWithoutRetryAfter,
      target: { equals: 0 },
    },
    { row, figure: 'other 5xx', livechat: tally.otherServerErrors, target: { equals: 0 } },
    { row, figure: 'other 4xx', livechat: tally.otherClientErrors, target: { equals: 0 } },
    { row, figure: 'no answer (reset, timeout)', livechat: tally.noAnswer, target: { equals: 0 } },
    // The generator's own limit, so that the figures above are the server's: not a server failure.
    { row, figure: `not offered (over ${MAX_OPEN_SENDS} open)`, livechat: loop.notOffered },
    ...(await patientSaturationLines(context, { subject, serverDurations, rate })),
  ];
}
