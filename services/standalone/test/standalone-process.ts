import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface StandaloneProcess {
  child: ChildProcess;
  exited: Promise<number | null>;
  output(): string;
  /** Resolves once it printed `marker` (or rejects when it exits first). */
  printed(marker: string, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * `npm start -w @livechat/standalone` as a child process (`tsx src/main.ts`), with only the variables
 * given: no DATABASE_URL or REDIS_URL leaks in from the test environment, so it runs on PGlite in-process.
 */
export function spawnStandalone(env: Record<string, string>): StandaloneProcess {
  const { DATABASE_URL: _database, REDIS_URL: _redis, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: { ...inherited, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    exited,
    output: () => output,
    async printed(marker, timeoutMs = 90_000) {
      const deadline = Date.now() + timeoutMs;
      while (!output.includes(marker)) {
        if (child.exitCode !== null) throw new Error(`exited before printing "${marker}":\n${output}`);
        if (Date.now() > deadline) throw new Error(`did not print "${marker}":\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
