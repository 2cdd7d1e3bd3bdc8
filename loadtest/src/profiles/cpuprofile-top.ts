// `npm run profile-top -w @livechat/loadtest -- <file.cpuprofile | folder> [--top 15]`: the functions with
// the most self time in V8 CPU profiles (BENCH_CPU_PROFILE_DIR writes one per benchmark child), per file.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { topSelfTime, type CpuProfile } from './self-time.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: 'string', default: '15' } },
});
if (!positionals.length) {
  console.error('usage: profile-top <file.cpuprofile | folder>… [--top 15]');
  process.exit(1);
}
const files: string[] = [];
for (const path of positionals) {
  if ((await stat(path)).isDirectory())
    files.push(
      ...(await readdir(path)).filter((name) => name.endsWith('.cpuprofile')).map((name) => join(path, name)),
    );
  else files.push(path);
}
for (const file of files.sort()) {
  const profile = JSON.parse(await readFile(file, 'utf8')) as CpuProfile;
  const { totalMs, functions } = topSelfTime(profile, Number(values.top));
  console.log(`\n${file}: ${(totalMs / 1000).toFixed(1)} s sampled`);
  console.log('| self ms | self % | function | where |\n|--:|--:|---|---|');
  for (const entry of functions)
    console.log(
      `| ${entry.selfMs.toFixed(0)} | ${((entry.selfMs / totalMs) * 100).toFixed(1)} | ${entry.name} | ${entry.where} |`,
    );
}
