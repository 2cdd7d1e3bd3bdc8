/**
 * Channel prefix of the sharded Socket.IO Redis adapter. The API (which publishes) and every gateway
 * (which subscribes) must compute it the same way from their shared REDIS_PREFIX, or events go nowhere.
 */
export const adapterChannelPrefix = (redisPrefix: string) => `${redisPrefix}#sio`;
