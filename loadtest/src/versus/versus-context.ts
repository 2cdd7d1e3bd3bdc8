import { startSocketDrivers, type SocketDrivers } from '../realtime/socket-drivers.js';
import { startBareSide, type BareSide } from './bare-side.js';
import type { CleanupStack } from './cleanup-stack.js';
import { requireOpenFiles } from './fd-limit.js';
import { startLiveChatSide, type LiveChatSide } from './livechat-side.js';
import { settleMachine } from './settle.js';
import type { VersusOptions } from './versus-options.js';

/** What every row gets: the options, the run's cleanup stack, and both sides (started on first use). */
export interface VersusContext {
  options: VersusOptions;
  cleanups: CleanupStack;
  livechat(): Promise<LiveChatSide>;
  bare(): Promise<BareSide>;
  /** Socket-driver processes enough for `sockets` (stopped by the caller, or at the end of the run). */
  drivers(sockets: number): Promise<SocketDrivers>;
  /** Figures one row measures and a later one builds on (row 2 offers a multiple of row 1's throughput). */
  measured: Map<string, number>;
  /** Waits for a quiet machine before `side` is measured (settle.ts), and says how long it took. */
  settle(side: string): Promise<void>;
}

export function versusContext(options: VersusOptions, cleanups: CleanupStack): VersusContext {
  let livechat: Promise<LiveChatSide> | undefined;
  let bare: Promise<BareSide> | undefined;
  return {
    options,
    cleanups,
    livechat: () => (livechat ??= startLiveChatSide(cleanups)),
    bare: () => (bare ??= startBareSide(cleanups)),
    async drivers(sockets) {
      const count = Math.max(1, Math.ceil(sockets / options.socketsPerDriver));
      requireOpenFiles(Math.ceil(sockets / count));
      const drivers = await startSocketDrivers(count);
      cleanups.defer(() => drivers.stop());
      return drivers;
    },
    measured: new Map(),
    async settle(side) {
      const { waitedMs, busyShare } = await settleMachine();
      console.log(
        `settled before ${side}: ${(waitedMs / 1000).toFixed(1)} s, cores ${(busyShare * 100).toFixed(0)} % busy`,
      );
    },
  };
}
