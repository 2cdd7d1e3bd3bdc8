import { createServer } from 'node:net';

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/**
 * Finds `count` consecutive free ports on 127.0.0.1 (the cluster script numbers replicas from a base port).
 * Searches below Linux's ephemeral range (32768+), so outgoing connections do not take them meanwhile.
 */
export async function findFreePortRange(count: number, attempts = 50): Promise<number> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    const base = 20000 + Math.floor(Math.random() * (32000 - 20000 - count));
    let free = true;
    for (let port = base; free && port < base + count; port++) free = await canListen(port);
    if (free) return base;
  }
  throw new Error(`no ${count} consecutive free ports found on 127.0.0.1`);
}
