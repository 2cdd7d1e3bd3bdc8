import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findFreePortRange } from '@livechat/infra';
import { SERVER_TEST_ENV } from './server-test-env';

const STANDALONE_DIR = resolve(import.meta.dirname, '../../../../services/standalone');
const WEB_DIST = resolve(import.meta.dirname, '../../../dist');

export interface RunningStandalone {
  url: string;
  dataDir: string;
  /** What the process printed, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts `services/standalone` (API, gateway and the built web app on one port, PGlite in a fresh data
 * folder, the dev mailbox on) as a child process on a free port, and waits until it answers.
 */
export async function startStandalone(env: Record<string, string> = {}): Promise<RunningStandalone> {
  const port = await findFreePortRange(1);
  const url = `http://127.0.0.1:${port}`;
  const dataDir = await mkdtemp(join(tmpdir(), 'livechat-web-e2e-'));
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: STANDALONE_DIR,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: url,
      DATA_DIR: dataDir,
      DEV_MAILBOX: 'true',
      WEB_DIST_DIR: process.env.LIVECHAT_WEB_ROOT ?? WEB_DIST,
      LOG_LEVEL: 'warn',
      ...SERVER_TEST_ENV,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  try {
    await waitUntilReady(url, child, () => output);
  } catch (error) {
    await stopChild(child);
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    url,
    dataDir,
    output: () => output,
    async stop() {
      await stopChild(child);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function waitUntilReady(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`standalone exited with ${child.exitCode}:\n${output()}`);
    const ready = await fetch(`${url}/readyz`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return;
    if (Date.now() > deadline) throw new Error(`standalone did not become ready in 120 s:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** SIGTERM (a graceful shutdown), then SIGKILL if it outlives 15 s. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}
