// The command line of `npm run bench`, parsed apart from running anything, so that a test can check every
// invocation the README documents (the root script once re-ran npm, which took `--seconds` as its own option).
import { parseArgs } from 'node:util';
import type { BenchStorage } from './api/api-process-rpc.js';
import { VERSUS_ROWS, type VersusRow } from './versus/versus-options.js';

export interface BenchArgs {
  seconds: number | undefined;
  storage: BenchStorage | undefined;
  connections: number | undefined;
  rates: number[] | undefined;
  /** revocation: sessions logged out, one per round. */
  rounds: number | undefined;
  quick: boolean;
  only: VersusRow[];
}

export type BenchCommand =
  | { kind: 'help' }
  | { kind: 'error'; message: string }
  | { kind: 'run'; benchmarks: string[]; args: BenchArgs; dryRun: boolean };

/**
 * Parses `argv` (without node and the script) against the benchmark names; `versus` runs only when named,
 * since it takes a quarter of an hour. Never throws: a bad command line is an `error` with a message.
 */
export function parseBenchCommand(argv: string[], benchmarkNames: string[]): BenchCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        seconds: { type: 'string' },
        storage: { type: 'string' },
        connections: { type: 'string' },
        rates: { type: 'string' },
        rounds: { type: 'string' },
        quick: { type: 'boolean' },
        only: { type: 'string' },
        'dry-run': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    return { kind: 'error', message: (error as Error).message };
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  const benchmarks = positionals.length ? positionals : benchmarkNames.filter((name) => name !== 'versus');
  const unknown = benchmarks.filter((name) => !benchmarkNames.includes(name));
  if (unknown.length) return { kind: 'error', message: `unknown benchmark: ${unknown.join(', ')}` };
  const only = values.only ? values.only.split(',').map((row) => row.trim()) : [...VERSUS_ROWS];
  if (only.some((row) => !(VERSUS_ROWS as readonly string[]).includes(row)))
    return { kind: 'error', message: `--only takes rows ${VERSUS_ROWS.join(',')}` };
  if (values.storage && values.storage !== 'postgres' && values.storage !== 'pglite')
    return { kind: 'error', message: '--storage must be postgres or pglite' };
  const numbers = [values.seconds, values.connections, values.rounds, ...(values.rates?.split(',') ?? [])];
  if (numbers.some((value) => value !== undefined && !(Number(value) > 0)))
    return { kind: 'error', message: '--seconds, --connections, --rounds and --rates take positive numbers' };
  return {
    kind: 'run',
    benchmarks,
    dryRun: values['dry-run'] ?? false,
    args: {
      seconds: values.seconds ? Number(values.seconds) : undefined,
      storage: values.storage as BenchStorage | undefined,
      connections: values.connections ? Number(values.connections) : undefined,
      rates: values.rates ? values.rates.split(',').map(Number) : undefined,
      rounds: values.rounds ? Number(values.rounds) : undefined,
      quick: values.quick ?? false,
      only: only as VersusRow[],
    },
  };
}
