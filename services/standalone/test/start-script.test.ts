import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/standalone-config.js';

/** Runs the root `npm start` as a newcomer would, with stdout and stderr apart. */
function npmStart(env: Record<string, string>) {
  const { DATABASE_URL: _database, REDIS_URL: _redis, ...inherited } = process.env;
  const child = spawn('npm', ['start'], { cwd: REPO_ROOT, env: { ...inherited, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.once('exit', (code) => resolve({ code, stdout, stderr })),
  );
}

describe('`npm start` with a bad configuration value', () => {
  it('names the variable and stops, with no npm error noise after the message', async () => {
    // Issue 8: the message was followed by seven `npm error` lines of the nested `npm run -w`.
    const { code, stdout, stderr } = await npmStart({ PORT: 'not-a-port' });
    expect(code).toBe(1);
    expect(stderr.trim()).toBe('Invalid configuration: PORT must be a number (got "not-a-port")');
    expect(stdout).not.toMatch(/npm error/);
  }, 180_000);
});
