// `npm run bench [-- <benchmark…>] [--seconds N] [--storage postgres|pglite]`: runs the benchmarks and
// prints their figures. Benchmarks measure and print; nothing here asserts a speed.
// `npm run bench -- versus [--quick] [--only 1,3] [--seconds N]`: issue 7's side-by-side run.
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { printTable, type FigureTable } from './report/figure-table.js';
import { runSendBenchmark, SEND_BENCHMARK_DEFAULTS } from './send-benchmark.js';
import { CONNECTIONS_BENCHMARK_DEFAULTS, runConnectionsBenchmark } from './connections-benchmark.js';
import { FANOUT_BENCHMARK_DEFAULTS, runFanoutBenchmark } from './fanout-benchmark.js';
import { ADAPTER_COST_BENCHMARK_DEFAULTS, runAdapterCostBenchmark } from './adapter-cost-benchmark.js';
import type { BenchStorage } from './api/api-process-rpc.js';
import { runVersusBenchmark } from './versus/versus-benchmark.js';
import {
  VERSUS_DEFAULTS,
  VERSUS_QUICK,
  VERSUS_ROWS,
  withSeconds,
  type VersusRow,
} from './versus/versus-options.js';

interface BenchArgs {
  seconds: number | undefined;
  storage: BenchStorage | undefined;
  connections: number | undefined;
  rates: number[] | undefined;
  quick: boolean;
  only: VersusRow[];
}

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
      const options = args.quick ? VERSUS_QUICK : VERSUS_DEFAULTS;
      return runVersusBenchmark(args.seconds ? withSeconds(options, args.seconds) : options, args.only);
    },
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

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    seconds: { type: 'string' },
    storage: { type: 'string' },
    connections: { type: 'string' },
    rates: { type: 'string' },
    quick: { type: 'boolean' },
    only: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
// `versus` runs the others' shapes again beside the baselines, for a quarter of an hour: only when asked.
const chosen = positionals.length ? positionals : Object.keys(BENCHMARKS).filter((name) => name !== 'versus');
const unknown = chosen.filter((name) => !BENCHMARKS[name]);
if (values.help || unknown.length) {
  if (unknown.length) console.error(`unknown benchmark: ${unknown.join(', ')}`);
  console.log(
    'usage: npm run bench -- [benchmark…] [--seconds N] [--storage postgres|pglite] [--connections N] [--rates 10,25,50]\n' +
      '  --seconds: send duration, connection hold time or fan-out step length\n' +
      '  versus only: --quick (small shapes, short steps), --only 1,2,… (rows of issue 7: 1 send, 2 past saturation,\n' +
      '  3 fan-out, 4 connections, 5 reconnect storm, 6 standalone)\n',
  );
  for (const [name, benchmark] of Object.entries(BENCHMARKS))
    console.log(`  ${name.padEnd(12)} ${benchmark.about}`);
  process.exit(unknown.length ? 1 : 0);
}
const only = values.only ? values.only.split(',').map((row) => row.trim()) : [...VERSUS_ROWS];
if (only.some((row) => !(VERSUS_ROWS as readonly string[]).includes(row))) {
  console.error(`--only takes rows ${VERSUS_ROWS.join(',')}`);
  process.exit(1);
}
if (values.storage && values.storage !== 'postgres' && values.storage !== 'pglite') {
  console.error('--storage must be postgres or pglite');
  process.exit(1);
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
const args: BenchArgs = {
  seconds: values.seconds ? Number(values.seconds) : undefined,
  storage: values.storage as BenchStorage | undefined,
  connections: values.connections ? Number(values.connections) : undefined,
  rates: values.rates ? values.rates.split(',').map(Number) : undefined,
  quick: values.quick ?? false,
  only: only as VersusRow[],
};
for (const name of chosen) {
  console.log(`\n## ${name}: ${BENCHMARKS[name]!.about} (${load()})`);
  for (const table of await BENCHMARKS[name]!.run(args)) printTable(table);
  console.log(`(${load()} at the end)`);
}
