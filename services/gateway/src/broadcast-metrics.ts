import type { GatewayMetrics } from './gateway-metrics.js';
import type { GatewayServer, GatewaySocket } from './socket-types.js';

interface Packet {
  data?: unknown[];
}

/** The two steps of the in-memory adapter's broadcast we hook (private in its typings, stable since 2.x). */
interface BroadcastOptions {
  rooms: Set<string>;
  except?: Set<string>;
}
interface BroadcastSteps {
  rooms: Map<string, Set<string>>;
  _encode(packet: Packet, options: unknown): unknown;
  apply(options: BroadcastOptions, callback: (socket: GatewaySocket) => void): void;
}

/**
 * Counts and times events once per broadcast, however many local sockets receive them: every event a
 * gateway writes — from this replica or arriving from Redis — goes through the adapter's `broadcast`,
 * which encodes the packet once (`_encode`) and then visits the receiving sockets (`apply`). We note the
 * packet at the first step and, at the second, count the recipients and record the metrics once.
 * `apply` is also used by socketsJoin, fetchSockets and the like: those come without a noted packet and
 * pass through untouched. A broadcast to one room with nobody excepted — every message — is counted by
 * the room's size, so our code does nothing per socket; others count inside the adapter's loop.
 */
export function countBroadcasts(io: GatewayServer, metrics: GatewayMetrics): void {
  const adapter = io.of('/').adapter as unknown as BroadcastSteps;
  const encode = adapter._encode.bind(adapter);
  const apply = adapter.apply.bind(adapter);
  let encoded: Packet | null = null;
  adapter._encode = (packet, options) => {
    encoded = packet;
    return encode(packet, options);
  };
  adapter.apply = (options, callback) => {
    const packet = encoded;
    encoded = null;
    if (!packet) return apply(options, callback);
    let recipients = 0;
    const [room, ...others] = options.rooms;
    if (room !== undefined && others.length === 0 && !options.except?.size) {
      // One room, nobody excepted (every message): its size is the count, no call per socket of ours.
      recipients = adapter.rooms.get(room)?.size ?? 0;
      apply(options, callback);
    } else {
      apply(options, (socket) => {
        recipients++;
        callback(socket);
      });
    }
    const [event, payload] = packet.data ?? [];
    if (typeof event === 'string') metrics.broadcast(event, payload, recipients);
  };
}
