/** How the parent starts a baseline process (JSON in BARE_OPTIONS). */
export interface BareOptions {
  redisUrl: string;
  /** The classic adapter's channel prefix, fresh per run. */
  redisPrefix: string;
  /** Send endpoint only: its database and pool size (the LiveChat API's is DATABASE_POOL_SIZE). */
  databaseUrl?: string;
  poolSize?: number;
}

/** What a baseline process announces once it listens. */
export interface BareReady {
  url: string;
}

/** Work the send endpoint does for the parent, straight on its database. */
export interface BareSendMethods {
  [method: string]: (argument: never) => Promise<unknown>;
  createRooms(argument: { count: number }): Promise<string[]>;
  countMessages(argument: Record<string, never>): Promise<number>;
}

/** The one route of the minimal send endpoint. */
export const bareSendPath = (roomId: string) => `/rooms/${roomId}/messages`;
