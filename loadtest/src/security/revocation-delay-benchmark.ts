import { ROUTES } from '@livechat/protocol';
import type { BenchApi } from '../api/api-process-handle.js';
import { BENCH_ORIGIN } from '../realtime/gateway-process.js';
import { epochNow } from '../realtime/send-stamp.js';
import { ms, type FigureTable } from '../report/figure-table.js';
import { summarizeLatencies } from '../stats/latency-summary.js';
import { CleanupStack } from '../versus/cleanup-stack.js';
import { startLiveChatSide } from '../versus/livechat-side.js';
import { openBenchSocket } from './bench-socket.js';
import { pollUntil } from './poll-until.js';

export interface RevocationDelayOptions {
  /** Sessions logged out, one after the other. */
  rounds: number;
  /** How long one revocation may take to reach everything before the round fails. */
  timeoutMs: number;
}

export const REVOCATION_DELAY_DEFAULTS: RevocationDelayOptions = { rounds: 50, timeoutMs: 10_000 };

/** Milliseconds from the logout request's start to each thing a revoked session must lose. */
interface RoundDelays {
  logoutAnswered: number;
  restRefused: number;
  socketClosed: number;
  handshakeRefused: number;
}

/**
 * Issue 9: a session is logged out on API replica A; measured from the start of that request, how long
 * until (i) replica B answers its access token 401, (ii) its socket on gateway 1 is closed and (iii) a
 * new handshake with the token on gateway 2 is refused. Two API replicas and two gateways share Redis.
 */
export async function runRevocationDelayBenchmark(options: RevocationDelayOptions): Promise<FigureTable[]> {
  const cleanups = new CleanupStack();
  const releaseSignals = cleanups.onSignals();
  try {
    const side = await startLiveChatSide(cleanups);
    const [replicaB] = await side.apiReplicas(1);
    const gateways = await side.startGateways(2);
    const users = await side.api.call('createUsers', { count: options.rounds });
    const rounds: RoundDelays[] = [];
    for (const [round, user] of users.entries()) {
      const [home, other] = round % 2 ? [gateways[1]!, gateways[0]!] : [gateways[0]!, gateways[1]!];
      rounds.push(
        await measureRound(side.api, replicaB!, home.url, other.url, user.token, options.timeoutMs),
      );
    }
    return [revocationTable(rounds, options)];
  } finally {
    await cleanups.runAll();
    releaseSignals();
  }
}

async function measureRound(
  replicaA: BenchApi,
  replicaB: BenchApi,
  homeGateway: string,
  otherGateway: string,
  token: string,
  timeoutMs: number,
): Promise<RoundDelays> {
  const held = openBenchSocket(homeGateway, token, BENCH_ORIGIN);
  const opened = await held.outcome;
  if (opened.kind !== 'ready') throw new Error(`the session's socket did not open: ${opened.code}`);
  const closed = new Promise<number>((resolve) => held.socket.once('disconnect', () => resolve(epochNow())));
  const authorization = `Bearer ${token}`;

  const start = epochNow();
  const logout = fetch(`${replicaA.url}${ROUTES.logout.path}`, {
    method: 'POST',
    headers: { authorization, origin: BENCH_ORIGIN, 'content-type': 'application/json' },
    body: '{}',
  }).then(async (response) => {
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`logout answered ${response.status}`);
    return epochNow();
  });
  const restRefused = pollUntil(
    async () => {
      const response = await fetch(`${replicaB.url}${ROUTES.me.path}`, { headers: { authorization } });
      await response.arrayBuffer();
      return response.status === 401;
    },
    timeoutMs,
    'REST on replica B',
  );
  const handshakeRefused = pollUntil(
    async () => {
      const attempt = openBenchSocket(otherGateway, token, BENCH_ORIGIN);
      const outcome = await attempt.outcome;
      attempt.socket.disconnect();
      return outcome.kind === 'refused' && outcome.code === 'unauthenticated';
    },
    timeoutMs,
    'handshake on the other gateway',
  );
  const socketClosed = Promise.race([
    closed,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`socket not closed within ${timeoutMs} ms`)), timeoutMs).unref(),
    ),
  ]);
  const times = await Promise.all([logout, restRefused, socketClosed, handshakeRefused]);
  held.socket.disconnect();
  const [logoutAnswered, rest, socket, handshake] = times.map((time) => time - start) as [
    number,
    number,
    number,
    number,
  ];
  return { logoutAnswered, restRefused: rest, socketClosed: socket, handshakeRefused: handshake };
}

function revocationTable(rounds: RoundDelays[], options: RevocationDelayOptions): FigureTable {
  const row = (label: string, pick: (round: RoundDelays) => number) => {
    const summary = summarizeLatencies(rounds.map(pick));
    return [label, summary.count, ms(summary.p50), ms(summary.p99), ms(summary.max)];
  };
  return {
    title: `Revocation delay across replicas: ${options.rounds} sessions logged out on API replica A`,
    columns: ['what the revoked session loses', 'sessions', 'p50 ms', 'p99 ms', 'max ms'],
    rows: [
      row('logout answered (replica A)', (round) => round.logoutAnswered),
      row('REST refuses its token (replica B)', (round) => round.restRefused),
      row('its socket is closed (gateway 1)', (round) => round.socketClosed),
      row('a new handshake is refused (gateway 2)', (round) => round.handshakeRefused),
    ],
    notes: [
      'two API replicas on one database and two gateway replicas, all on one Redis prefix; one session at a time',
      'each delay runs from the start of the logout request (bearer token, no cookie) on replica A',
      'REST: GET /api/users/me on replica B back to back until 401; handshake: a new socket on the other gateway until refused `unauthenticated`; each resolves within one probe round trip',
      'socket: the session’s socket on its gateway, closed by the outbox `disconnect` operation or the gateway’s sweep of the revoked list, whichever comes first',
    ],
  };
}
