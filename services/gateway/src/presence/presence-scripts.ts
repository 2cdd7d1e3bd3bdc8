// Lua scripts of the Redis presence store. Each runs atomically in Redis, which is what makes "first
// socket" and "last socket" of a user exactly-once across tabs and replicas racing each other.
//
// Keys (P = `${REDIS_PREFIX}:presence`):
//   P:user:<userId>          hash  socketId → instanceId   (the user→socket map; exists while online)
//   P:rooms:<userId>         set   roomIds of the user      (exists while online; says whom to tell)
//   P:instance:<instanceId>  set   userIds with a socket on that replica (what a sweeper must clean)
//   P:alive:<instanceId>     string with a TTL, refreshed by the replica's heartbeat
//   P:instances              set   instanceIds that may hold entries

/** Shared tail: when the user's hash is gone, return 'offline' followed by their rooms, and drop them. */
const OFFLINE_TAIL = `
if redis.call('EXISTS', KEYS[1]) == 0 then
  local rooms = redis.call('SMEMBERS', KEYS[2])
  redis.call('DEL', KEYS[2])
  table.insert(rooms, 1, 'offline')
  return rooms
end
return {}`;

/** Rooms are added in chunks: Lua's unpack has a stack limit well below a heavy user's room count. */
const REPLACE_ROOMS = (firstRoomArg: number) => `
redis.call('DEL', KEYS[2])
for i = ${firstRoomArg}, #ARGV, 1000 do
  redis.call('SADD', KEYS[2], unpack(ARGV, i, math.min(i + 999, #ARGV)))
end`;

/**
 * KEYS: user, rooms, instance users, instances. ARGV: socketId, instanceId, userId, roomIds….
 * Returns 1 when this socket made the user online (a new field in an hash that was empty).
 */
export const ADD_SOCKET = `
local added = redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
${REPLACE_ROOMS(4)}
redis.call('SADD', KEYS[3], ARGV[3])
redis.call('SADD', KEYS[4], ARGV[2])
if added == 1 and redis.call('HLEN', KEYS[1]) == 1 then return 1 end
return 0`;

/**
 * KEYS: user, rooms, instance users. ARGV: socketId, instanceId, userId.
 * Removes the socket; forgets the user on this instance when it holds no other socket of theirs.
 */
export const REMOVE_SOCKET = `
if redis.call('HDEL', KEYS[1], ARGV[1]) == 0 then return {} end
local still_here = false
for _, instance in ipairs(redis.call('HVALS', KEYS[1])) do
  if instance == ARGV[2] then still_here = true end
end
if not still_here then redis.call('SREM', KEYS[3], ARGV[3]) end
${OFFLINE_TAIL}`;

/** KEYS: user, rooms. ARGV: deadInstanceId. Removes every socket a dead replica held for this user. */
export const SWEEP_USER = `
local fields = redis.call('HGETALL', KEYS[1])
local removed = 0
for i = 1, #fields, 2 do
  if fields[i + 1] == ARGV[1] then
    redis.call('HDEL', KEYS[1], fields[i])
    removed = removed + 1
  end
end
if removed == 0 then return {} end
${OFFLINE_TAIL}`;

/** KEYS: user, rooms. ARGV: roomIds…. Only while the user is online, so a late write cannot resurrect them. */
export const SET_ROOMS = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
${REPLACE_ROOMS(1)}
return 1`;

/** Reads a script's offline answer: the rooms to tell, or null when the user is still online. */
export function offlineRooms(reply: unknown): string[] | null {
  if (!Array.isArray(reply) || reply[0] !== 'offline') return null;
  return reply.slice(1).map(String);
}
