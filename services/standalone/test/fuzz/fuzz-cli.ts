import { runFuzz } from './fuzz-run.js';

// `npm run fuzz`: the long mode. FUZZ_CASES (default 100,000) are shared out over the targets by weight;
// FUZZ_SEED replays a run. Prints the outcome histogram per route and event; exits 1 on any finding.
const cases = Number(process.env.FUZZ_CASES ?? 100_000);
const started = Date.now();
const report = await runFuzz({
  cases,
  concurrency: Number(process.env.FUZZ_CONCURRENCY ?? 3),
  ...(process.env.FUZZ_SEED ? { seed: Number(process.env.FUZZ_SEED) } : {}),
  log: (line) => console.log(line),
});
console.log(
  `\nOutcomes per target (HTTP status, ack code, or socket outcome):\n${report.histogram.format()}`,
);
console.log(
  `\n${report.histogram.total()} cases over ${report.targets.length} targets in ${((Date.now() - started) / 1000).toFixed(0)} s`,
);
for (const failure of report.failures) console.error(`\nFAILED ${failure}`);
for (const line of report.serverErrors) console.error(`\nSERVER ERROR ${line}`);
process.exit(report.failures.length || report.serverErrors.length ? 1 : 0);
