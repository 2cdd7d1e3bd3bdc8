/** How the parent starts an adapter-bench process (JSON in ADAPTER_BENCH_OPTIONS). */
export interface AdapterBenchOptions {
  /** 'server' accepts sockets on a port; 'publisher' only emits, like the cluster API's Socket.IO server. */
  role: 'server' | 'publisher';
  /** Use the sharded Redis adapter under this prefix; null keeps Socket.IO's in-memory adapter. */
  redisPrefix: string | null;
  redisUrl: string;
}

export interface AdapterBenchReady {
  /** Base URL of the server role; empty for a publisher. */
  url: string;
}

export interface AdapterBenchMethods {
  [method: string]: (argument: never) => Promise<unknown>;
  /** Emits one `message:new` stamped with the current time to each room. */
  emitTo(argument: { roomIds: string[] }): Promise<void>;
}
