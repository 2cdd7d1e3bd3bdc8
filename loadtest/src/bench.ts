// `npm run bench [-- <benchmark…>] [--seconds N] [--storage postgres|pglite]`: runs the benchmarks and
// prints their figures. Benchmarks measure and print; nothing here asserts a speed.
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { printTable, type FigureTable } from './report/figure-table.js';
import { runSendBenchmark, SEND_BENCHMARK_DEFAULTS } from './send-benchmark.js';
import { CONNECTIONS_BENCHMARK_DEFAULTS, runConnectionsBenchmark } from './connections-benchmark.js';
import { FANOUT_BENCHMARK_DEFAULTS, runFanoutBenchmark } from './fanout-benchmark.js';
import { ADAPTER_COST_BENCHMARK_DEFAULTS, runAdapterCostBenchmark } from './adapter-cost-benchmark.js';
import type { BenchStorage } from './api/api-process-rpc.js';

interface BenchArgs {
  seconds: number | undefined;
  storage: BenchStorage | undefined;
  connections: number | undefined;
  rates: number[] | undefined;
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
    help: { type: 'boolean', short: 'h' },
  },
});
const chosen = positionals.length ? positionals : Object.keys(BENCHMARKS);
const unknown = chosen.filter((name) => !BENCHMARKS[name]);
if (values.help || unknown.length) {
  if (unknown.length) console.error(`unknown benchmark: ${unknown.join(', ')}`);
  console.log(
    'usage: npm run bench -- [benchmark…] [--seconds N] [--storage postgres|pglite] [--connections N] [--rates 10,25,50]\n' +
      '  --seconds: send duration, connection hold time or fan-out step length\n',
  );
  for (const [name, benchmark] of Object.entries(BENCHMARKS))
    console.log(`  ${name.padEnd(12)} ${benchmark.about}`);
  process.exit(unknown.length ? 1 : 0);
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
};
for (const name of chosen) {
  console.log(`\n## ${name}: ${BENCHMARKS[name]!.about} (${load()})`);
  for (const table of await BENCHMARKS[name]!.run(args)) printTable(table);
  console.log(`(${load()} at the end)`);
}
