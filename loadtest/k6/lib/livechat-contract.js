// The slice of services/protocol the k6 scripts use. k6 cannot load the TypeScript protocol package, so
// this mirror exists once, here; loadtest/test/k6-contract.test.ts fails if it drifts from the protocol.
// No k6 imports: Node loads this file too.

/** Must equal PROTOCOL_VERSION: the gateway refuses a handshake with another version. */
export const PROTOCOL_VERSION = 1;

/** Route names as in the protocol's ROUTES table, with their method and path. */
export const ROUTES = {
  register: { method: 'POST', path: '/api/auth/register' },
  verifyEmail: { method: 'POST', path: '/api/auth/verify-email' },
  login: { method: 'POST', path: '/api/auth/login' },
  devMailbox: { method: 'GET', path: '/api/dev/mailbox' },
  createRoom: { method: 'POST', path: '/api/rooms' },
  sendMessage: { method: 'POST', path: '/api/rooms/:id/messages' },
};

/** Server → client event names used by the scenarios. */
export const EVENTS = {
  messageNew: 'message:new',
  ready: 'ready',
};

/** Largest `memberIds` list `POST /api/rooms` accepts. */
export const ROOM_CREATE_MAX_MEMBERS = 100;

/** Fills `:name` segments of a route path. */
export function routePath(path, params) {
  return path.replace(/:([A-Za-z]+)/g, (_, name) => encodeURIComponent(params[name]));
}

/** The `auth` payload of a Socket.IO handshake (HandshakeAuth in the protocol). */
export function handshakeAuth(token) {
  return { token, protocolVersion: PROTOCOL_VERSION };
}
