import { loadavg } from 'node:os';
import { printTable, type FigureTable } from '../report/figure-table.js';
import { CleanupStack } from './cleanup-stack.js';
import { connectionsRow } from './rows/connections-row.js';
import { fanoutRow } from './rows/fanout-row.js';
import { saturationRow, sendRow } from './rows/send-rows.js';
import { standaloneRow } from './rows/standalone-row.js';
import { stormRow } from './rows/storm-row.js';
import { versusContext, type VersusContext } from './versus-context.js';
import { VERSUS_ROWS, type VersusOptions, type VersusRow } from './versus-options.js';
import { buildVersusTable, type VersusLine } from './versus-table.js';

const ROWS: Record<VersusRow, { about: string; run(context: VersusContext): Promise<VersusLine[]> }> = {
  '1': { about: 'persisted sends, closed loop', run: sendRow },
  '2': { about: 'past saturation, open loop', run: saturationRow },
  '3': { about: 'fan-out over 3 replicas', run: fanoutRow },
  '4': { about: 'idle connections on one process', run: connectionsRow },
  '5': { about: 'reconnect storm', run: stormRow },
  '6': { about: 'standalone server', run: standaloneRow },
};

const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');

/**
 * Issue 7's side-by-side run: LiveChat and the baselines (bare Socket.IO on the classic Redis adapter,
 * the minimal node:http + pg send endpoint) at the same shapes and rates, one row of the issue at a time,
 * every figure beside the baseline's, the ratio and the target. Whatever was started is stopped, and
 * every database and Redis prefix dropped, at the end — also on failure or Ctrl-C.
 */
export async function runVersusBenchmark(
  options: VersusOptions,
  rows: readonly VersusRow[],
): Promise<FigureTable[]> {
  const cleanups = new CleanupStack();
  const releaseSignals = cleanups.onSignals();
  const context = versusContext(options, cleanups);
  const lines: VersusLine[] = [];
  const notes = [`load average at the start: ${load()}`];
  try {
    for (const row of VERSUS_ROWS.filter((candidate) => rows.includes(candidate))) {
      const rowLoad = load();
      console.log(`versus row ${row} (${ROWS[row].about}), load average ${rowLoad}…`);
      // A row that fails (a side that fell over) is reported as such; the other rows still run.
      const rowLines = await ROWS[row].run(context).catch((error: unknown): VersusLine[] => {
        console.error(`versus row ${row} failed:`, error);
        const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 120);
        return [{ row, figure: `failed: ${reason}`, livechat: Number.NaN }];
      });
      lines.push(...rowLines);
      notes.push(`row ${row}: load average ${rowLoad} at its start, ${load()} at its end`);
      // Printed as it finishes too, so an interrupted run still leaves its figures behind.
      printTable(
        buildVersusTable(rowLines, {
          title: `row ${row}: ${ROWS[row].about}`,
          baseline: 'baseline',
          notes: [notes.at(-1)!],
        }),
      );
    }
  } finally {
    await cleanups.runAll();
    releaseSignals();
  }
  notes.push(
    `load average at the end: ${load()}`,
    'ratio = LiveChat / baseline; "met" compares it (or LiveChat’s own figure) with issue 7’s target; "—": no figure or no target',
    'baselines: bare Socket.IO 4.8, classic Redis adapter (createAdapter, node-redis), rooms joined by handshake, no auth; minimal send endpoint: node:http + pg, BEGIN, update rooms … returning last_seq, insert, COMMIT, io.to(room).emit through the classic adapter',
    `row 1: ${options.send.senders} senders over ${options.send.rooms} rooms (LiveChat: ${Math.ceil(options.send.senders / options.send.rooms)} members each, all senders; issue 7's 100-member rooms are row 3's, for fan-out), ${options.send.durationMs / 1000} s, one API process whose admission queue is deep enough not to shed a closed loop; Postgres CPU = user+system time of the backends serving the database under test`,
    'row 2: a further API replica on the same database, with the deployed admission control (queue 200, 100 ms)',
    `row 3: ${options.fanout.rooms} rooms × ${options.fanout.roomSize} sockets dealt over ${options.fanout.gateways} replicas, sends over HTTP straight to the API / endpoint (no nginx), LiveChat's dealt round-robin over ${options.fanout.apiReplicas} API replicas (one database, Redis prefix and signing key; deployed admission control), ${options.fanout.stepMs / 1000} s per rate; duplicates = a socket receiving a message id it already had; CPU of the socket servers only`,
    `row 5: the socket-driver processes holding half of ${options.storm.sockets} sockets are killed and fresh ones reconnect the same users at once, both sides retrying as @livechat/client does (full-jitter exponential backoff from 500 ms, never sooner than a refusal's retryAfterMs) for at most ${options.storm.boundMs / 1000} s; "ready" = the socket received \`ready\``,
  );
  return [
    buildVersusTable(lines, {
      title: 'LiveChat versus the baselines (issue 7)',
      baseline: 'baseline',
      notes,
    }),
  ];
}
