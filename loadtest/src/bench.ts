// `npm run bench [-- <benchmark…>] [--seconds N] [--storage postgres|pglite]`: runs the benchmarks and
// prints their figures. Benchmarks measure and print; nothing here asserts a speed.
// `npm run bench -- versus [--quick] [--only 1,3] [--seconds N] [--rates 200]`: issue 7's side-by-side run.
import { cpus, loadavg } from 'node:os';
import { printTable, type FigureTable } from './report/figure-table.js';
import { runSendBenchmark, SEND_BENCHMARK_DEFAULTS } from './send-benchmark.js';
import { CONNECTIONS_BENCHMARK_DEFAULTS, runConnectionsBenchmark } from './connections-benchmark.js';
import { FANOUT_BENCHMARK_DEFAULTS, runFanoutBenchmark } from './fanout-benchmark.js';
import { ADAPTER_COST_BENCHMARK_DEFAULTS, runAdapterCostBenchmark } from './adapter-cost-benchmark.js';
import { parseBenchCommand, type BenchArgs } from './bench-args.js';
import { runVersusBenchmark } from './versus/versus-benchmark.js';
import { VERSUS_DEFAULTS, VERSUS_QUICK, withSeconds } from './versus/versus-options.js';
import {
  REVOCATION_DELAY_DEFAULTS,
  runRevocationDelayBenchmark,
} from './security/revocation-delay-benchmark.js';
import { runSocketFloodBenchmark, SOCKET_FLOOD_DEFAULTS } from './security/socket-flood-benchmark.js';

const BENCHMARKS: Record<string, { about: string; run(args: BenchArgs): Promise<FigureTable[]> }> = {
  send: {
    about: 'issue 2: send path throughput and latency on Postgres and PGlite, latency vs history',
    run: (args) =>
      runSendBenchmark({
        ...SEND_BENCHMARK_DEFAULTS,
        ...(args.seconds ? { durationMs: args.seconds * 1000 } : {}),
        ...(args.storage ? { storages: [args.storage] } : {}),
      }),
  },
  connections: {
    about: 'issue 3: sockets held by one gateway process, RSS and CPU per idle authenticated connection',
    run: (args) =>
      runConnectionsBenchmark({
        ...CONNECTIONS_BENCHMARK_DEFAULTS,
        ...(args.seconds ? { holdMs: args.seconds * 1000 } : {}),
        ...(args.connections ? { connections: args.connections } : {}),
      }),
  },
  fanout: {
    about: 'issue 3: delivered messages/s, send→deliver latency, gateway CPU per delivery, 3 replicas',
    run: (args) =>
      runFanoutBenchmark({
        ...FANOUT_BENCHMARK_DEFAULTS,
        ...(args.seconds ? { stepMs: args.seconds * 1000 } : {}),
        ...(args.rates ? { rates: args.rates } : {}),
      }),
  },
  versus: {
    about:
      'issue 7: LiveChat beside bare Socket.IO and a minimal send endpoint, ratios and targets (not in the default set)',
    run: (args) => {
      const preset = args.quick ? VERSUS_QUICK : VERSUS_DEFAULTS;
      const timed = args.seconds ? withSeconds(preset, args.seconds) : preset;
      // `--rates`: row 3's offered send rates (e.g. `--only 3 --rates 200` for one step).
      const options = args.rates ? { ...timed, fanout: { ...timed.fanout, rates: args.rates } } : timed;
      return runVersusBenchmark(options, args.only);
    },
  },
  revocation: {
    about:
      'issue 9: logout on API replica A → REST refused on replica B, socket closed, new handshake refused',
    run: (args) =>
      runRevocationDelayBenchmark({
        ...REVOCATION_DELAY_DEFAULTS,
        ...(args.rounds ? { rounds: args.rounds } : {}),
      }),
  },
  flood: {
    about:
      "issue 9: an honest user's send→deliver p50/p95 beside an attacker flooding sockets up to its quota",
    run: (args) =>
      runSocketFloodBenchmark({
        ...SOCKET_FLOOD_DEFAULTS,
        ...(args.seconds ? { measureMs: args.seconds * 1000 } : {}),
      }),
  },
  adapter: {
    about: 'design record: cost of the sharded Redis adapter vs in-process fan-out, same broadcasts',
    run: (args) =>
      runAdapterCostBenchmark({
        ...ADAPTER_COST_BENCHMARK_DEFAULTS,
        ...(args.seconds ? { stepMs: args.seconds * 1000 } : {}),
        ...(args.rates ? { rates: args.rates, productRates: args.rates } : {}),
      }),
  },
};

const command = parseBenchCommand(process.argv.slice(2), Object.keys(BENCHMARKS));
if (command.kind !== 'run') {
  if (command.kind === 'error') console.error(command.message);
  console.log(
    'usage: npm run bench -- [benchmark…] [--seconds N] [--storage postgres|pglite] [--connections N] [--rates 10,25,50] [--rounds N]\n' +
      '  --seconds: send duration, connection hold time, fan-out step or flood phase length\n' +
      '  --rounds: revocation only, sessions logged out (default 50)\n' +
      '  --dry-run: parse the command line, print what would run, run nothing\n' +
      '  versus only: --quick (small shapes, short steps), --only 1,2,… (rows of issue 7: 1 send, 2 past saturation,\n' +
      '  3 fan-out, 4 connections, 5 reconnect storm, 6 standalone)\n',
  );
  for (const [name, benchmark] of Object.entries(BENCHMARKS))
    console.log(`  ${name.padEnd(12)} ${benchmark.about}`);
  process.exit(command.kind === 'error' ? 1 : 0);
}
const { benchmarks: chosen, args } = command;
if (command.dryRun) {
  console.log(JSON.stringify({ benchmarks: chosen, args }));
  process.exit(0);
}

console.log(
  `LiveChat benchmarks on ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, ` +
    `${new Date().toISOString()}`,
);
// Other work on the machine skews every figure: print how busy it was as each benchmark started.
const load = () =>
  `load average ${loadavg()
    .map((value) => value.toFixed(2))
    .join(' ')}`;
for (const name of chosen) {
  console.log(`\n## ${name}: ${BENCHMARKS[name]!.about} (${load()})`);
  for (const table of await BENCHMARKS[name]!.run(args)) printTable(table);
  console.log(`(${load()} at the end)`);
}
