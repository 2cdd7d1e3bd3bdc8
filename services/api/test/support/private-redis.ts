import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { createClient } from 'redis';

/**
 * A Redis server of a test's own, on a free port, for tests that take Redis down: the shared Redis at
 * 6379 is never stopped or flushed. No persistence, so a restart starts empty, like a lost Redis.
 */
export interface PrivateRedis {
  url: string;
  port: number;
  /** Starts (or restarts) the server on the same port; resolves once it answers PING. */
  start(): Promise<void>;
  /** `SHUTDOWN NOSAVE`, then waits for the process to exit. */
  shutdown(): Promise<void>;
  /** Shuts down, stays down for `downMs`, starts again empty on the same port. */
  restart(downMs?: number): Promise<void>;
  /** Kills the process if it still runs (afterAll). */
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

async function answersPing(url: string): Promise<boolean> {
  const client = createClient({ url, socket: { reconnectStrategy: false, connectTimeout: 500 } });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    if (client.isOpen) client.destroy();
  }
}

export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;

  const exited = async () => {
    if (child && child.exitCode === null && child.signalCode === null) await once(child, 'exit');
  };

  const redis: PrivateRedis = {
    url,
    port,
    async start() {
      child = spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        { stdio: 'ignore' },
      );
      const deadline = Date.now() + 10_000;
      while (!(await answersPing(url))) {
        if (child.exitCode !== null)
          throw new Error(`redis-server on port ${port} exited with ${child.exitCode}`);
        if (Date.now() > deadline) throw new Error(`redis-server on port ${port} did not start`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async shutdown() {
      const client = createClient({ url, socket: { reconnectStrategy: false } });
      client.on('error', () => undefined);
      await client.connect();
      // The server closes the connection instead of answering.
      await client.sendCommand(['SHUTDOWN', 'NOSAVE']).catch(() => undefined);
      if (client.isOpen) client.destroy();
      await exited();
    },
    async restart(downMs = 500) {
      await redis.shutdown();
      await new Promise((resolve) => setTimeout(resolve, downMs));
      await redis.start();
    },
    async stop() {
      if (child && child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited();
      }
    },
  };
  await redis.start();
  return redis;
}
