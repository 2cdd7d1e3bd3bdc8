import fc from 'fast-check';
import { CLIENT_EVENTS, ROUTES, type ClientEventName, type RouteName } from '@livechat/protocol';
import { clip, type FuzzContext, type FuzzTarget } from './fuzz-context.js';
import { startFuzzServer } from './fuzz-server.js';
import { FuzzWorld } from './fuzz-world.js';
import { Histogram } from './histogram.js';
import { createHttpExchange } from './http-exchange.js';
import { httpTarget } from './http-target.js';
import { SocketSession } from './socket-session.js';
import { handshakeTarget, socketEventTarget } from './socket-targets.js';

export interface FuzzOptions {
  /** Cases in all, shared out over the targets (every REST route, every client event, unknown events, the handshake) by weight. */
  cases: number;
  /** Targets fuzzed side by side (each runs its cases one after another). */
  concurrency?: number;
  seed?: number;
  /** Progress lines (a target done), for the long mode. */
  log?: (line: string) => void;
}

export interface FuzzReport {
  histogram: Histogram;
  targets: string[];
  /** One entry per target that failed: fast-check's counterexample (shrunk) and the seed to replay it. */
  failures: string[];
  /** Error-level lines the server logged: an unexpected failure even where the answer looked fine. */
  serverErrors: string[];
}

/** Every target: each REST route of the protocol, each client event, unknown events, the handshake. */
export function fuzzTargets(context: FuzzContext): FuzzTarget[] {
  return [
    ...(Object.keys(ROUTES) as RouteName[]).map((route) => httpTarget(route, context)),
    ...(Object.keys(CLIENT_EVENTS) as ClientEventName[]).map((event) => socketEventTarget(event, context)),
    socketEventTarget('unknown', context),
    handshakeTarget(context),
  ] as FuzzTarget[];
}

/**
 * Boots the standalone server, builds the fuzz world and runs every target's cases against it; answers
 * the status histogram and what failed. Never throws for a finding: the caller decides (the short test
 * asserts none, `npm run fuzz` prints them and exits non-zero).
 */
export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const server = await startFuzzServer();
  const http = createHttpExchange(server.baseUrl);
  const histogram = new Histogram();
  let aliceSocket: SocketSession | undefined;
  try {
    const world = await FuzzWorld.create(http, server.origin);
    aliceSocket = new SocketSession(
      server.baseUrl,
      server.origin,
      () => world.alice.token,
      () => world.repair(),
    );
    const context: FuzzContext = { server, http, world, aliceSocket, histogram };
    const targets = fuzzTargets(context);
    const failures: string[] = [];
    const perWeight = options.cases / targets.reduce((sum, target) => sum + (target.weight ?? 1), 0);
    const runsOf = (target: FuzzTarget) => Math.max(1, Math.ceil(perWeight * (target.weight ?? 1)));
    const queue = [...targets];
    const worker = async () => {
      for (let target = queue.shift(); target; target = queue.shift()) {
        const started = Date.now();
        try {
          await fc.assert(
            fc.asyncProperty(target.arbitrary, (input) => target.run(input)),
            { numRuns: runsOf(target), ...(options.seed === undefined ? {} : { seed: options.seed }) },
          );
        } catch (error) {
          // fast-check keeps what the case threw as the cause; its own message has the counterexample.
          const { message, cause } = error as Error & { cause?: Error };
          failures.push(`${target.name}: ${clip(cause?.message ?? '', 2000)}\n${clip(message, 2000)}`);
        }
        options.log?.(
          `${target.name}: ${runsOf(target)} cases in ${((Date.now() - started) / 1000).toFixed(1)} s`,
        );
      }
    };
    await Promise.all(Array.from({ length: options.concurrency ?? 3 }, worker));
    server.assertAlive();
    return {
      histogram,
      targets: targets.map((target) => target.name),
      failures,
      serverErrors: server.errorLogs(),
    };
  } finally {
    aliceSocket?.close();
    http.close();
    await server.stop();
  }
}
