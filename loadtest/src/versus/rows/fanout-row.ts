import { BENCH_ORIGIN } from '../../realtime/gateway-process.js';
import { measureDeliveryStep, type DeliveryStep } from '../../realtime/delivery-step.js';
import { stampedBody } from '../../realtime/send-stamp.js';
import type { SocketTarget } from '../../realtime/socket-driver-rpc.js';
import {
  emptyTally,
  failedSends,
  MAX_OPEN_SENDS,
  timedSend,
  type SendRoute,
  type SendTally,
} from '../send-tally.js';
import { summarizeLatencies } from '../../stats/latency-summary.js';
import type { VersusContext } from '../versus-context.js';
import type { VersusLine } from '../versus-table.js';

/** One side's fan-out deployment: its socket servers, where each socket connects, and where send n goes. */
interface FanoutSubject {
  serverPids: number[];
  sockets: SocketTarget[];
  route(send: number): SendRoute;
  stop(): Promise<void>;
}

interface FanoutStep {
  step: DeliveryStep;
  tally: SendTally;
}

/**
 * Row 3: rooms of `roomSize` members, each member one socket, dealt round-robin over `gateways` replicas
 * so every room spans every replica; messages sent over HTTP at fixed rates (open loop), each timed from
 * the start of its POST to its arrival at every member socket. LiveChat's sends are dealt round-robin
 * over `apiReplicas` API processes (one database, one Redis prefix, one signing key), as issue 7 asks
 * for 0 duplicates with any number of replicas; a duplicate is a socket receiving a message id twice.
 */
export async function fanoutRow(context: VersusContext): Promise<VersusLine[]> {
  const livechat = await measureSide(context, await liveChatFanout(context), 'LiveChat');
  const bare = await measureSide(context, await bareFanout(context), 'bare Socket.IO');
  return context.options.fanout.rates.flatMap((rate, index) => {
    const [ours, theirs] = [livechat[index]!, bare[index]!];
    const row = `3 fan-out ${rate}/s`;
    const gatewayCpu = ({ step }: FanoutStep) =>
      (step.cpuSeconds.reduce((sum, value) => sum + value, 0) * 1e6) / Math.max(1, step.delivered);
    const lost = ({ step }: FanoutStep) => step.expected - step.delivered;
    return [
      {
        row,
        figure: 'send→deliver p50 ms',
        livechat: ours.step.latency.p50,
        baseline: theirs.step.latency.p50,
        target: { ratioAtMost: 2 },
      },
      {
        row,
        figure: 'send→deliver p99 ms',
        livechat: ours.step.latency.p99,
        baseline: theirs.step.latency.p99,
        target: { ratioAtMost: 2 },
      },
      // Where the time is: in the send's answer (API, Postgres) or after it (publish, Redis, fan-out).
      ...(['p50', 'p99'] as const).map((quantile) => ({
        row,
        figure: `POST answered ${quantile} ms`,
        livechat: summarizeLatencies(ours.tally.acceptedMs)[quantile],
        baseline: summarizeLatencies(theirs.tally.acceptedMs)[quantile],
      })),
      {
        row,
        figure: 'duplicate deliveries',
        livechat: ours.step.duplicates,
        baseline: theirs.step.duplicates,
        target: { equals: 0 },
      },
      { row, figure: 'lost deliveries', livechat: lost(ours), baseline: lost(theirs), target: { equals: 0 } },
      {
        row,
        figure: 'gateway CPU µs/delivery',
        livechat: gatewayCpu(ours),
        baseline: gatewayCpu(theirs),
        target: { ratioAtMost: 1 },
      },
      {
        row,
        figure: 'sends refused',
        livechat: failedSends(ours.tally),
        baseline: failedSends(theirs.tally),
      },
      {
        row,
        figure: `sends not offered (over ${MAX_OPEN_SENDS} open)`,
        livechat: ours.step.notOffered,
        baseline: theirs.step.notOffered,
      },
    ] satisfies VersusLine[];
  });
}

async function liveChatFanout(context: VersusContext): Promise<FanoutSubject> {
  const { rooms, roomSize, gateways: count, apiReplicas } = context.options.fanout;
  const livechat = await context.livechat();
  const memberRooms = await livechat.memberRooms(rooms * roomSize, roomSize);
  const apis = await livechat.apiReplicas(apiReplicas);
  const gateways = await livechat.startGateways(count);
  // Send n: room n mod rooms, replica n mod replicas, so consecutive sends alternate replicas.
  const routes = apis.map((api) =>
    memberRooms.map((room) => livechat.sendRoute(room.id, room.members[0]!, api)),
  );
  return {
    serverPids: gateways.map((gateway) => gateway.pid),
    sockets: memberRooms
      .flatMap((room) => room.members)
      .map((user, index) => ({ gatewayUrl: gateways[index % count]!.url, token: user.token })),
    route: (send) => routes[send % apis.length]![send % memberRooms.length]!,
    stop: () => Promise.all(gateways.map((gateway) => gateway.stop())).then(() => undefined),
  };
}

async function bareFanout(context: VersusContext): Promise<FanoutSubject> {
  const { rooms, roomSize, gateways: count } = context.options.fanout;
  const bare = await context.bare();
  const roomIds = await bare.rooms(rooms);
  const servers = await bare.startServers(count);
  return {
    serverPids: servers.map((server) => server.pid),
    // Same dealing as LiveChat's: socket i of the run joins room ⌊i / roomSize⌋ on server i mod count.
    sockets: Array.from({ length: rooms * roomSize }, (_, index) => ({
      gatewayUrl: servers[index % count]!.url,
      token: roomIds[Math.floor(index / roomSize)]!,
    })),
    route: (send) => bare.sendRoute(roomIds[send % roomIds.length]!),
    stop: () => Promise.all(servers.map((server) => server.stop())).then(() => undefined),
  };
}

async function measureSide(
  context: VersusContext,
  subject: FanoutSubject,
  side: string,
): Promise<FanoutStep[]> {
  const options = context.options.fanout;
  const drivers = await context.drivers(subject.sockets.length);
  try {
    const opened = await drivers.open(subject.sockets, BENCH_ORIGIN, 3);
    if (opened.failed)
      throw new Error(`${opened.failed} sockets did not connect, e.g. ${opened.failureSamples.join('; ')}`);
    await context.settle(`row 3, ${side}`);
    // Warm-up, not measured: a fresh API replica's first sends pay for JIT and pool connections. The
    // body carries no send stamp, so the socket drivers do not count these.
    const warmups = Math.max(20, 2 * options.rooms * options.apiReplicas);
    await Promise.allSettled(
      Array.from({ length: warmups }, (_, index) =>
        timedSend(subject.route(index), `warm-${index}-${Date.now()}`, 'warm-up', emptyTally()),
      ),
    );
    const steps: FanoutStep[] = [];
    for (const rate of options.rates) {
      const tally = emptyTally();
      const step = await measureDeliveryStep({
        drivers,
        pids: subject.serverPids,
        ratePerSecond: rate,
        stepMs: options.stepMs,
        drainMs: options.drainMs,
        recipientsPerMessage: options.roomSize,
        maxOutstanding: MAX_OPEN_SENDS,
        send: (index) =>
          timedSend(subject.route(index), `f${rate}-${index}-${Date.now()}`, stampedBody(), tally),
      });
      steps.push({ step, tally });
    }
    return steps;
  } finally {
    await drivers.closeAll().catch(() => undefined);
    await drivers.stop();
    await subject.stop();
  }
}
