/** Shapes, rates and bounds of every row of the versus benchmark (issue 7). */
export interface VersusOptions {
  send: { rooms: number; senders: number; durationMs: number; maxMessages: number };
  /** Offered `factor` × LiveChat's measured sends/s, open loop. */
  saturation: { factor: number; durationMs: number };
  fanout: {
    rooms: number;
    roomSize: number;
    gateways: number;
    /** LiveChat API processes the sends are dealt over (the bare side has one endpoint). */
    apiReplicas: number;
    rates: number[];
    stepMs: number;
    drainMs: number;
  };
  connections: { sockets: number; roomSize: number; holdMs: number };
  storm: { sockets: number; roomSize: number; gateways: number; boundMs: number };
  standalone: { roomSize: number; rate: number; durationMs: number };
  /** Sockets one socket-driver process holds at most. */
  socketsPerDriver: number;
}

export const VERSUS_DEFAULTS: VersusOptions = {
  send: { rooms: 100, senders: 200, durationMs: 15_000, maxMessages: 200_000 },
  saturation: { factor: 2, durationMs: 15_000 },
  fanout: {
    rooms: 30,
    roomSize: 100,
    gateways: 3,
    apiReplicas: 2,
    // 400/s: past what two API replicas take on 2 cores, to show no duplicate past saturation either.
    rates: [50, 100, 200, 400],
    stepMs: 10_000,
    drainMs: 15_000,
  },
  connections: { sockets: 10_000, roomSize: 100, holdMs: 10_000 },
  storm: { sockets: 20_000, roomSize: 100, gateways: 3, boundMs: 150_000 },
  standalone: { roomSize: 10, rate: 10, durationMs: 10_000 },
  socketsPerDriver: 5000,
};

/** Small shapes and short steps: a smoke run that exercises every row in a couple of minutes. */
export const VERSUS_QUICK: VersusOptions = {
  send: { rooms: 10, senders: 20, durationMs: 3000, maxMessages: 20_000 },
  saturation: { factor: 2, durationMs: 3000 },
  fanout: {
    rooms: 3,
    roomSize: 20,
    gateways: 3,
    apiReplicas: 2,
    rates: [20, 400],
    stepMs: 3000,
    drainMs: 5000,
  },
  connections: { sockets: 300, roomSize: 20, holdMs: 2000 },
  storm: { sockets: 600, roomSize: 20, gateways: 3, boundMs: 30_000 },
  standalone: { roomSize: 5, rate: 10, durationMs: 3000 },
  socketsPerDriver: 200,
};

/** `--seconds N`: the length of every timed step (sends, saturation, fan-out steps, connection hold). */
export function withSeconds(options: VersusOptions, seconds: number): VersusOptions {
  const ms = seconds * 1000;
  return {
    ...options,
    send: { ...options.send, durationMs: ms },
    saturation: { ...options.saturation, durationMs: ms },
    fanout: { ...options.fanout, stepMs: ms },
    connections: { ...options.connections, holdMs: ms },
    standalone: { ...options.standalone, durationMs: ms },
  };
}

/** The rows of issue 7's list, by number, in the order they run. */
export const VERSUS_ROWS = ['1', '2', '3', '4', '5', '6'] as const;
export type VersusRow = (typeof VERSUS_ROWS)[number];
