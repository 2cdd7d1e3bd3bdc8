import { waitUntilReady, type ReadinessTarget } from '../readiness.js';

// `tsx infra/src/cli/wait-until-ready.ts <seconds> name,pid,url …`: prints `not-ready <name> <reason>` per
// target that failed (the cluster script shows their log tails) and exits 1 if any did.
const [seconds, ...specs] = process.argv.slice(2);
const targets: ReadinessTarget[] = specs.map((spec) => {
  const [name = '', pid = '', ...url] = spec.split(',');
  return { name, url: url.join(','), ...(pid ? { pid: Number(pid) } : {}) };
});
if (!Number(seconds) || targets.some((target) => !target.name || !target.url)) {
  console.error('usage: wait-until-ready <seconds> <name>,<pid>,<url> …');
  process.exit(2);
}
const failed = await waitUntilReady(targets, Number(seconds) * 1000);
for (const { name, reason } of failed) console.log(`not-ready ${name} ${reason}`);
process.exit(failed.length ? 1 : 0);
