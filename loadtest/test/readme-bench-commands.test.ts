import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

/** Every `npm run bench …` line of the README's code blocks, without its trailing comment. */
function documentedBenchCommands(): string[] {
  const readme = readFileSync(resolve(ROOT, 'README.md'), 'utf8');
  return readme
    .split('\n')
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter((line) => /^npm run bench(\s|$)/.test(line));
}

/** The words that name benchmarks: neither an option nor the value of an option that takes one. */
function benchmarkNames(args: string[]): string[] {
  const takesValue = new Set(['--seconds', '--storage', '--connections', '--rates', '--rounds', '--only']);
  return args.filter((word, i) => !word.startsWith('-') && !takesValue.has(args[i - 1] ?? ''));
}

/**
 * Runs each documented invocation exactly as a person types it, through npm, with `--dry-run` added: the
 * root script once re-ran npm, which took `--seconds` as its own option ("unknown benchmark: 5").
 */
describe('the README bench commands', () => {
  const commands = documentedBenchCommands();

  it('documents several', () => {
    expect(commands.length).toBeGreaterThanOrEqual(5);
  });

  it.each(commands)('`%s` parses as written', async (command) => {
    const words = command.split(/\s+/).slice(1);
    const argv = words.includes('--') ? [...words, '--dry-run'] : [...words, '--', '--dry-run'];
    const { stdout } = await run('npm', argv, { cwd: ROOT, timeout: 60_000 });
    const plan = JSON.parse(stdout.trim().split('\n').at(-1)!) as {
      benchmarks: string[];
      args: { seconds?: number };
    };
    const names = benchmarkNames(words.includes('--') ? words.slice(words.indexOf('--') + 1) : []);
    if (names.length) expect(plan.benchmarks).toEqual(names);
    const seconds = /--seconds (\d+)/.exec(command)?.[1];
    if (seconds) expect(plan.args.seconds).toBe(Number(seconds));
  });
});
