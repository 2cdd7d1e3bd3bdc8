import type { PublicKeySet } from '@livechat/access-token';
import type { HistogramBucket } from '../stats/histogram-quantile.js';

/** Where the benchmark API stores its data: the Postgres server (cluster) or embedded PGlite (standalone). */
export type BenchStorage = 'postgres' | 'pglite';

/** How the parent asks for a benchmark API (passed to the child as JSON in BENCH_API_OPTIONS). */
export interface BenchApiOptions {
  /** The API alone (cluster; the default), or the standalone server: API and gateway in one process. */
  kind?: 'api' | 'standalone';
  storage: BenchStorage;
  /** Fan out through the sharded Redis adapter under this prefix; unset: in-process. */
  redisPrefix?: string;
  /** Extra API configuration (rate limits, token lifetime…). */
  env?: Record<string, string>;
  /**
   * One replica of several (kind `api`, Postgres): booted as `services/api/src/main.ts` boots it, signing
   * with this shared key, so a token of one replica is valid on every other.
   */
  replica?: {
    signingKey: { privateKeyPem: string; kid: string };
    /** Join this replica's database (not dropped on exit); unset: a fresh one, dropped on exit. */
    databaseUrl?: string;
  };
}

/** What the API child announces once it listens. */
export interface BenchApiReady {
  url: string;
  /** The JWKS gateways must verify this API's tokens with (JWT_PUBLIC_KEYS). */
  publicKeys: PublicKeySet;
  /** The Postgres database it runs on, for further replicas to join (unset on PGlite). */
  databaseUrl?: string;
}

export interface BenchUser {
  id: string;
  token: string;
}

/** Work only the API process can do quickly, straight on its database. */
export interface BenchApiMethods {
  [method: string]: (argument: never) => Promise<unknown>;
  /** Verified users with an access token each (the factory's fast path: no argon2 per user). */
  createUsers(argument: { count: number }): Promise<BenchUser[]>;
  /** Appends `count` messages to a room in one SQL statement, keeping seq, revision and the sender's read marker right. */
  seedHistory(argument: { roomId: string; senderId: string; count: number }): Promise<void>;
  /** Messages stored in the whole database. */
  countMessages(argument: Record<string, never>): Promise<number>;
  /** The name of the API's database on the Postgres server (to find the backends serving it). */
  databaseName(argument: Record<string, never>): Promise<string>;
  /**
   * The API's own duration histogram (`http_request_duration_seconds`, from Fastify's onRequest to the
   * response) of POSTs to `route` answered `status`: cumulative counts by upper bound in seconds.
   */
  serverDurations(argument: { route: string; status: number }): Promise<HistogramBucket[]>;
}
