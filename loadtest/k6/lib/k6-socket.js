// One Socket.IO connection from a k6 VU: k6's WebSocket carrying the hand-written framing of
// socketio-framing.js (checked against a real gateway by the vitest suite).
import { WebSocket } from 'k6/websockets';
import { createSocketIoSession, socketIoUrl } from './socketio-framing.js';
import { handshakeAuth } from './livechat-contract.js';

/**
 * Opens a socket to `gatewayUrl` authenticated with `token`, sending `origin` (gateways check it against
 * their allowlist). `handlers` are those of createSocketIoSession plus `onError(event)`.
 * Returns { ws, session }.
 */
export function openSocket(gatewayUrl, token, origin, handlers) {
  const ws = new WebSocket(socketIoUrl(gatewayUrl), null, { headers: { Origin: origin } });
  const session = createSocketIoSession(handshakeAuth(token), (text) => ws.send(text), handlers);
  ws.addEventListener('message', (event) => session.receive(event.data));
  ws.addEventListener('error', (event) => handlers.onError && handlers.onError(event));
  ws.addEventListener('close', () => handlers.onClose && handlers.onClose());
  return { ws, session };
}

/** Comma-separated list of base URLs from an environment variable, e.g. GATEWAY_URLS=http://a,http://b. */
export function urlList(value, fallback) {
  return String(value || fallback)
    .split(',')
    .map((url) => url.trim())
    .filter(Boolean);
}
