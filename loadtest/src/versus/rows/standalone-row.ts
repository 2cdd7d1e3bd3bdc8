import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROUTES } from '@livechat/protocol';
import { startApiProcess } from '../../api/api-process-handle.js';
import { freePort } from '../../processes/free-port.js';
import { rssBytes } from '../../processes/proc-stats.js';
import { forkTypeScript, stopChild } from '../../processes/typescript-child.js';
import { waitUntilReady } from '../../processes/wait-until-ready.js';
import { measureDeliveryStep } from '../../realtime/delivery-step.js';
import { BENCH_ORIGIN } from '../../realtime/gateway-process.js';
import { createMemberRooms } from '../../realtime/member-rooms.js';
import { stampedBody } from '../../realtime/send-stamp.js';
import { sleep } from '../../sleep.js';
import { emptyTally, timedSend } from '../send-tally.js';
import type { VersusContext } from '../versus-context.js';
import type { VersusLine } from '../versus-table.js';

/** The standalone server's own entry, as `npm start` runs it. */
const standaloneMain = () => new URL('./main.ts', import.meta.resolve('@livechat/standalone')).pathname;

/**
 * Row 6: the standalone server (one process, PGlite, in-process fan-out). First start and idle RSS come
 * from its real entry on a fresh data folder; send→deliver latency at a low rate from the benchmark's
 * standalone server (same build, a fresh PGlite data folder) so users can be made without mail.
 */
export async function standaloneRow(context: VersusContext): Promise<VersusLine[]> {
  const firstStart = await measureFirstStart(context);
  const p50 = await measureLowRateLatency(context);
  const row = '6 standalone';
  return [
    {
      row,
      figure: `send→deliver p50 ms at ${context.options.standalone.rate}/s`,
      livechat: p50,
      target: { atMost: 5 },
    },
    { row, figure: 'idle RSS MiB (fresh start, no sockets)', livechat: firstStart.idleRssMiB },
    { row, figure: 'first start s (fresh data folder → /readyz)', livechat: firstStart.seconds },
  ];
}

async function measureFirstStart(context: VersusContext) {
  const dataDir = await mkdtemp(join(tmpdir(), 'livechat-versus-standalone-'));
  context.cleanups.defer(() => rm(dataDir, { recursive: true, force: true }));
  const port = await freePort();
  const started = performance.now();
  const child = forkTypeScript(standaloneMain(), {
    env: { PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
  });
  context.cleanups.defer(() => stopChild(child));
  try {
    await waitUntilReady(`http://127.0.0.1:${port}/readyz`, 120_000, () => child.exitCode === null);
    const seconds = (performance.now() - started) / 1000;
    await sleep(3000); // past the start-up work (migrations, key generation) before reading RSS
    return { seconds, idleRssMiB: (await rssBytes(child.pid!)) / 1024 / 1024 };
  } finally {
    await stopChild(child);
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function measureLowRateLatency(context: VersusContext): Promise<number> {
  const { roomSize, rate, durationMs } = context.options.standalone;
  const server = await startApiProcess({
    kind: 'standalone',
    storage: 'pglite',
    env: { ALLOWED_ORIGINS: BENCH_ORIGIN },
  });
  context.cleanups.defer(() => server.stop());
  const drivers = await context.drivers(roomSize);
  try {
    const users = await server.call('createUsers', { count: roomSize });
    const [room] = await createMemberRooms(server.url, users, roomSize);
    const opened = await drivers.open(
      users.map((user) => ({ gatewayUrl: server.url, token: user.token })),
      BENCH_ORIGIN,
      3,
    );
    if (opened.failed)
      throw new Error(
        `standalone: ${opened.failed} sockets did not connect: ${opened.failureSamples.join('; ')}`,
      );
    const route = {
      url: `${server.url}${ROUTES.sendMessage.path.replace(':id', room!.id)}`,
      token: users[0]!.token,
    };
    // Warm-up, not measured (no send stamp): the first sends pay for JIT and PGlite's first plans.
    for (let index = 0; index < 20; index++)
      await timedSend(route, `st-warm-${index}`, 'warm-up', emptyTally());
    await context.settle('row 6, standalone');
    const tally = emptyTally();
    const step = await measureDeliveryStep({
      drivers,
      pids: [server.pid],
      ratePerSecond: rate,
      stepMs: durationMs,
      drainMs: 5000,
      recipientsPerMessage: roomSize,
      send: (index) => timedSend(route, `st-${index}`, stampedBody(), tally),
    });
    return step.latency.p50;
  } finally {
    await drivers.closeAll().catch(() => undefined);
    await drivers.stop();
    await server.stop();
  }
}
