import { io, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION, type ServerToClientEvents } from '@livechat/protocol';
import { TEST_ORIGIN } from '@livechat/api/testing';

export type TestSocket = Socket<ServerToClientEvents, Record<string, (...args: never[]) => void>>;

export interface ConnectOptions {
  origin?: string | null;
  protocolVersion?: number;
  auth?: unknown;
  /** Extra request headers, e.g. X-Forwarded-For as a proxy would add it. */
  headers?: Record<string, string>;
}

/** A raw Socket.IO client as a browser tab would open it (WebSocket only, our Origin), never reconnecting. */
export function openSocket(url: string, token: string, options: ConnectOptions = {}): TestSocket {
  const origin = options.origin === undefined ? TEST_ORIGIN : options.origin;
  return io(url, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    auth: options.auth ?? { token, protocolVersion: options.protocolVersion ?? PROTOCOL_VERSION },
    extraHeaders: { ...(origin ? { origin } : {}), ...options.headers },
  });
}

/**
 * Opens a socket and waits until the gateway says it is subscribed to its rooms (`ready`). A socket the
 * gateway closes after the handshake but before `ready` (its rooms could not be loaded) fails with the
 * reason it was given, rather than waiting out the test's timeout.
 */
export async function connectReady(url: string, token: string): Promise<TestSocket> {
  const socket = openSocket(url, token);
  let closing: unknown = null;
  socket.once('connection:closing', (event: unknown) => (closing = event));
  await new Promise<void>((resolve, reject) => {
    socket.once('ready', () => resolve());
    socket.once('connect_error', reject);
    socket.once('disconnect', (reason) =>
      reject(new Error(`closed before ready (${reason}): ${JSON.stringify(closing)}`)),
    );
  });
  return socket;
}

/** Resolves with the `data` of the handshake refusal. */
export function refusalOf(socket: TestSocket): Promise<{ code: string; message: string }> {
  return new Promise((resolve) =>
    socket.once('connect_error', (error) =>
      resolve((error as Error & { data: { code: string; message: string } }).data),
    ),
  );
}

/** Every payload of one event a socket receives from now on. */
export function collect<P = unknown>(socket: TestSocket, event: string): P[] {
  const received: P[] = [];
  (socket as unknown as { on(event: string, listener: (payload: P) => void): void }).on(event, (payload) =>
    received.push(payload),
  );
  return received;
}

/** Emits a client event and resolves with its acknowledgement. */
export function request<T = unknown>(socket: TestSocket, event: string, ...args: unknown[]): Promise<T> {
  return (socket as unknown as { timeout(ms: number): { emitWithAck(...a: unknown[]): Promise<T> } })
    .timeout(5000)
    .emitWithAck(event, ...args);
}

/** Resolves once `condition` holds, polling; rejects with `what` after `timeoutMs`. */
export async function eventually(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 5000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function disconnected(socket: TestSocket): Promise<string> {
  return new Promise((resolve) => {
    if (socket.disconnected && !socket.active) resolve('already');
    socket.once('disconnect', (reason) => resolve(reason));
  });
}
