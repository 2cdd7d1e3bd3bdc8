// The one client library of LiveChat (web app, tests, load tests; Node and browsers). No Node-only imports.
export * from './chat-client.js';
export * from './socket-connection.js';
export * from './api-client.js';
export * from './token-keeper.js';
export * from './token-claims.js';
export * from './cookie-jar.js';
export * from './room-timeline.js';
export * from './revision-cursor.js';
export * from './room-sync.js';
export * from './pending-sends.js';
export * from './message-sender.js';
export * from './retry-policy.js';
export * from './ack-refused-error.js';
export * from './client-id.js';
export * from './reconnect-delay.js';
