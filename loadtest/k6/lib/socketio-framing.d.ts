// Types of socketio-framing.js for the TypeScript test that drives a real gateway with it.

export declare const ENGINE_IO_PROTOCOL: 4;
export declare const PONG: '3';

export interface EngineIoHandshake {
  sid: string;
  upgrades: string[];
  pingInterval: number;
  pingTimeout: number;
  maxPayload: number;
}

export type DecodedFrame =
  | { kind: 'open'; handshake: EngineIoHandshake }
  | { kind: 'close' | 'ping' | 'pong' | 'noop' }
  | { kind: 'connect'; namespace: string; data: unknown }
  | { kind: 'connect_error'; namespace: string; data: unknown }
  | { kind: 'disconnect'; namespace: string }
  | { kind: 'event'; namespace: string; ackId: number | null; name: string; args: unknown[] }
  | { kind: 'ack'; namespace: string; ackId: number; args: unknown[] }
  | { kind: 'unsupported'; raw: string };

export declare function socketIoUrl(baseUrl: string, path?: string): string;
export declare function encodeConnect(auth?: unknown, namespace?: string): string;
export declare function encodeEvent(
  name: string,
  args?: unknown[],
  ackId?: number | null,
  namespace?: string,
): string;
export declare function encodeAck(ackId: number, args?: unknown[], namespace?: string): string;
export declare function encodeDisconnect(namespace?: string): string;
export declare function decodeFrame(text: string): DecodedFrame;

export interface SocketIoSessionHandlers {
  onConnect?(data: unknown): void;
  onConnectError?(data: unknown): void;
  onEvent?(name: string, args: unknown[]): void;
  onDisconnect?(): void;
  onClose?(): void;
}

export interface SocketIoSession {
  state(): 'opening' | 'connecting' | 'connected' | 'refused' | 'disconnected' | 'closed';
  receive(text: string): DecodedFrame;
  emit(name: string, payload?: unknown, onAck?: (result: unknown) => void): void;
  disconnect(): void;
}

export declare function createSocketIoSession(
  auth: unknown,
  send: (text: string) => void,
  handlers?: SocketIoSessionHandlers,
): SocketIoSession;
