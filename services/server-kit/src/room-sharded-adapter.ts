import { createShardedAdapter } from '@socket.io/redis-adapter';
import { isRoomChannel } from '@livechat/protocol';

/** The parts of the sharded adapter this module steers; private in its typings, stable in 8.3. */
interface ShardedAdapterInternals {
  readonly channel: string;
  shouldUseASeparateNamespace(room: string): boolean;
  computeChannel(message: { type: number; data?: { opts?: { rooms?: string[] } } }): string;
}

/**
 * The Socket.IO adapter of the API (which publishes) and of every gateway (which subscribes): the
 * sharded Redis adapter with dynamic subscriptions for CHAT ROOMS ONLY. Both sides must build it here,
 * from their shared REDIS_PREFIX, or events go nowhere.
 *
 * Why not plain `subscriptionMode: 'dynamic'`: it subscribes to a channel per public Socket.IO room, and
 * every socket also sits in its user's and its session's room — two SSUBSCRIBEs per connect and two
 * SUNSUBSCRIBEs per disconnect, unique per socket, plus a listener entry each on the subscriber, for
 * events that are rare (read markers, notices to a user, "log out here"). Here those rooms are joined
 * locally only, and a broadcast to one of them travels on the namespace's main channel, which every
 * replica subscribes to anyway; each replica delivers it to the sockets it holds in that room, if any.
 * socketsJoin/socketsLeave/disconnectSockets always travel on the main channel (adapter semantics).
 */
export function roomShardedAdapter(publisher: unknown, subscriber: unknown, redisPrefix: string) {
  const create = createShardedAdapter(publisher, subscriber, {
    channelPrefix: `${redisPrefix}#sio`,
    subscriptionMode: 'dynamic',
  });
  // A function, not an arrow: Socket.IO calls the adapter factory with `new`.
  return function adapterOf(nsp: unknown) {
    const adapter = create(nsp);
    const internals = adapter as unknown as ShardedAdapterInternals;
    const separate = internals.shouldUseASeparateNamespace.bind(adapter);
    const channelOf = internals.computeChannel.bind(adapter);
    // Instance overrides: the adapter calls both through `this`, and no room exists before this returns.
    internals.shouldUseASeparateNamespace = (room) => isRoomChannel(room) && separate(room);
    internals.computeChannel = (message) => {
      const rooms = message.data?.opts?.rooms;
      if (rooms?.length === 1 && !isRoomChannel(rooms[0]!)) return internals.channel;
      return channelOf(message);
    };
    return adapter;
  };
}
