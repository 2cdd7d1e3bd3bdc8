import type { FastifyBaseLogger as Logger } from 'fastify';
import { terminateSocket, underlyingWebSocket } from './close-socket.js';
import type { GatewayMetrics } from './gateway-metrics.js';
import type { GatewaySocket } from './socket-types.js';

const sizeOf = (data: unknown): number =>
  typeof data === 'string' ? data.length : data instanceof Uint8Array ? data.byteLength : 0;

/**
 * Cuts off a socket whose unsent outgoing data passes `maxBufferedBytes`, checked each time a packet is
 * queued for it. Unsent data is what Engine.IO still queues (its write buffer, emptied on each flush) plus
 * what the WebSocket has not handed to the kernel (`bufferedAmount`). A client that stopped reading would
 * otherwise grow this process's memory with every event of its rooms.
 */
export function guardSlowConsumer(
  socket: GatewaySocket,
  maxBufferedBytes: number,
  metrics: GatewayMetrics,
  logger: Logger,
): void {
  let queued = 0;
  let cut = false;
  socket.conn.on('flush', () => (queued = 0));
  socket.conn.on('packetCreate', (packet: { data?: unknown }) => {
    queued += sizeOf(packet.data);
    const buffered = queued + (underlyingWebSocket(socket)?.bufferedAmount ?? 0);
    if (cut || buffered <= maxBufferedBytes) return;
    cut = true;
    metrics.cutOff('slow_consumer');
    logger.warn({ socket: socket.id, userId: socket.data.userId, buffered }, 'slow consumer cut off');
    terminateSocket(socket);
  });
}
