// Socket.IO v5 over Engine.IO v4, text frames only, over a plain WebSocket — for clients that cannot load
// socket.io-client (k6). No imports, no k6 APIs: the vitest suite drives a real gateway with this very file
// (loadtest/test/k6-framing.integration.test.ts), so the k6 scripts speak a checked protocol.
//
// Wire format (one packet per WebSocket frame on the websocket transport):
//   Engine.IO: "0{handshake}" open · "1" close · "2" ping · "3" pong · "4<socket.io packet>" message · "6" noop
//   Socket.IO: "0{auth}" connect · "1" disconnect · "2[name,…args]" event · "3[…args]" ack · "4{error}" connect
//              error; a namespace other than "/" follows the type as "/ns,", an ack id as digits before the JSON.

export const ENGINE_IO_PROTOCOL = 4;

/** The WebSocket URL of a Socket.IO server at `baseUrl` (http(s):// or ws(s)://), websocket transport only. */
export function socketIoUrl(baseUrl, path) {
  const base = String(baseUrl).replace(/^http/, 'ws').replace(/\/+$/, '');
  return `${base}${path || '/socket.io/'}?EIO=${ENGINE_IO_PROTOCOL}&transport=websocket`;
}

const namespacePrefix = (namespace) => (namespace && namespace !== '/' ? `${namespace},` : '');

/** "40{auth}": join a namespace, with the `auth` payload the server's handshake reads. */
export function encodeConnect(auth, namespace) {
  return `40${namespacePrefix(namespace)}${auth === undefined ? '' : JSON.stringify(auth)}`;
}

/** "42[name,…args]", or "42<ackId>[…]" when the sender wants an acknowledgement. */
export function encodeEvent(name, args, ackId, namespace) {
  const id = ackId === undefined || ackId === null ? '' : String(ackId);
  return `42${namespacePrefix(namespace)}${id}${JSON.stringify([name].concat(args || []))}`;
}

/** "43<ackId>[…args]": answer an event the server sent with an ack id. */
export function encodeAck(ackId, args, namespace) {
  return `43${namespacePrefix(namespace)}${ackId}${JSON.stringify(args || [])}`;
}

export function encodeDisconnect(namespace) {
  return `41${namespacePrefix(namespace)}`;
}

export const PONG = '3';

/**
 * Decodes one text frame into `{ kind, … }`: open (handshake), close, ping, pong, noop, connect (data),
 * connect_error (data), disconnect, event (name, args, ackId), ack (ackId, args), or unsupported (raw) for
 * what this client does not speak (binary attachments, upgrades).
 */
export function decodeFrame(text) {
  switch (text[0]) {
    case '0':
      return { kind: 'open', handshake: JSON.parse(text.slice(1)) };
    case '1':
      return { kind: 'close' };
    case '2':
      return { kind: 'ping' };
    case '3':
      return { kind: 'pong' };
    case '6':
      return { kind: 'noop' };
    case '4':
      return decodeSocketIoPacket(text.slice(1)) || { kind: 'unsupported', raw: text };
    default:
      return { kind: 'unsupported', raw: text };
  }
}

function decodeSocketIoPacket(packet) {
  const type = packet[0];
  let rest = packet.slice(1);
  let namespace = '/';
  if (rest[0] === '/') {
    const comma = rest.indexOf(',');
    namespace = comma === -1 ? rest : rest.slice(0, comma);
    rest = comma === -1 ? '' : rest.slice(comma + 1);
  }
  const idMatch = /^\d+/.exec(rest);
  const ackId = idMatch ? Number(idMatch[0]) : null;
  if (idMatch) rest = rest.slice(idMatch[0].length);
  const data = rest === '' ? undefined : JSON.parse(rest);
  switch (type) {
    case '0':
      return { kind: 'connect', namespace, data };
    case '1':
      return { kind: 'disconnect', namespace };
    case '2':
      return { kind: 'event', namespace, ackId, name: data[0], args: data.slice(1) };
    case '3':
      return { kind: 'ack', namespace, ackId, args: data };
    case '4':
      return { kind: 'connect_error', namespace, data };
    default:
      return null;
  }
}

/**
 * The client side of one Socket.IO connection on the default namespace, independent of any WebSocket API:
 * feed it every received text frame with `receive`, give it a `send(text)` function. It answers pings,
 * joins the namespace with `auth` once the transport opens, and reports what the server says.
 *
 * handlers: { onConnect(data), onConnectError(data), onEvent(name, args), onDisconnect(), onClose() }
 * Returns { receive(text), emit(name, payload, onAck?), disconnect(), state() }.
 */
export function createSocketIoSession(auth, send, handlers) {
  const on = handlers || {};
  const acks = {};
  let nextAckId = 0;
  let state = 'opening';
  return {
    state: () => state,
    receive(text) {
      const frame = decodeFrame(text);
      switch (frame.kind) {
        case 'open':
          state = 'connecting';
          send(encodeConnect(auth));
          break;
        case 'ping':
          send(PONG);
          break;
        case 'connect':
          state = 'connected';
          if (on.onConnect) on.onConnect(frame.data);
          break;
        case 'connect_error':
          state = 'refused';
          if (on.onConnectError) on.onConnectError(frame.data);
          break;
        case 'event':
          if (on.onEvent) on.onEvent(frame.name, frame.args);
          break;
        case 'ack': {
          const callback = acks[frame.ackId];
          delete acks[frame.ackId];
          if (callback) callback.apply(null, frame.args);
          break;
        }
        case 'disconnect':
          state = 'disconnected';
          if (on.onDisconnect) on.onDisconnect();
          break;
        case 'close':
          state = 'closed';
          if (on.onClose) on.onClose();
          break;
        default:
          break;
      }
      return frame;
    },
    /** Emits an event with one payload; `onAck(result)` receives the server's acknowledgement. */
    emit(name, payload, onAck) {
      let ackId;
      if (onAck) {
        ackId = nextAckId++;
        acks[ackId] = onAck;
      }
      send(encodeEvent(name, payload === undefined ? [] : [payload], ackId));
    },
    disconnect() {
      state = 'disconnected';
      send(encodeDisconnect());
    },
  };
}
