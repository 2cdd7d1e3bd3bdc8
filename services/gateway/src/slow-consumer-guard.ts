import type { FastifyBaseLogger as Logger } from 'fastify';
import { terminateSocket, underlyingWebSocket } from './close-socket.js';
import type { GatewayMetrics } from './gateway-metrics.js';
import type { GatewaySocket } from './socket-types.js';

const sizeOf = (data: unknown): number =>
  typeof data === 'string' ? data.length : data instanceof Uint8Array ? data.byteLength : 0;

interface EngineSocketBuffer {
  writeBuffer?: { data?: unknown; options?: { wsPreEncodedFrame?: unknown } }[];
}

/** Bytes queued for a socket and not yet handed to the kernel. */
export function unsentBytes(socket: GatewaySocket): number {
  let queued = underlyingWebSocket(socket)?.bufferedAmount ?? 0;
  // Engine.IO queues packets here while the WebSocket is busy sending (emptied on each flush).
  const writeBuffer = (socket.conn as unknown as EngineSocketBuffer).writeBuffer ?? [];
  for (const packet of writeBuffer) queued += sizeOf(packet.data);
  return queued;
}

/**
 * Cuts off a socket whose unsent outgoing data passes `maxBufferedBytes`: what Engine.IO still queues
 * plus what the WebSocket has not handed to the kernel (`bufferedAmount`). A client that stopped reading
 * would otherwise grow this process's memory with every event of its rooms.
 *
 * Checked by the periodic socket sweep (socket-sweep.ts) rather than on every packet: a per-packet hook
 * is per-delivery work on every socket, to catch the rare one that stalls. The price is that a stalled
 * socket may overshoot the bound by what its rooms send in one sweep interval.
 * Returns whether the socket was cut off.
 */
export function cutOffIfSlow(
  socket: GatewaySocket,
  maxBufferedBytes: number,
  metrics: GatewayMetrics,
  logger: Logger,
): boolean {
  const buffered = unsentBytes(socket);
  if (buffered <= maxBufferedBytes) return false;
  metrics.cutOff('slow_consumer');
  logger.warn({ socket: socket.id, userId: socket.data.userId, buffered }, 'slow consumer cut off');
  terminateSocket(socket);
  return true;
}
