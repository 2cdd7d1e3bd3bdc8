import { EnvType as Type, readEnv, splitList, type Static } from '@livechat/protocol';
import { MetricsSettings } from '@livechat/server-kit';

/** Every variable the API reads, with its default. README's configuration table mirrors this file. */
export const ApiEnv = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  HOST: Type.String({ default: '127.0.0.1' }),
  ...MetricsSettings,
  /** Postgres connection string; unset means embedded PGlite under DATA_DIR. */
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  DATABASE_POOL_SIZE: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
  /**
   * Admission control: route handlers running at once per process (default: DATABASE_POOL_SIZE, since
   * more would only queue inside the pool). Past it, requests wait in a short queue; when that is full or
   * the wait too long they get 503 `unavailable` with Retry-After instead of seconds of latency for all.
   */
  ADMISSION_CONCURRENCY: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000 })),
  /** Requests that may wait for a turn past ADMISSION_CONCURRENCY; one more is refused at once. */
  ADMISSION_QUEUE_LENGTH: Type.Integer({ minimum: 0, default: 200 }),
  /** The longest a request waits for its turn before it is refused: the latency budget of saturation. */
  ADMISSION_QUEUE_WAIT_MS: Type.Integer({ minimum: 1, default: 100 }),
  /**
   * Load shedding: while the event loop's mean delay (sampled every 50 ms) is above this, API requests get
   * 503 `unavailable` with Retry-After at the door — the process is CPU-bound and would only queue them
   * unseen. 0 turns it off.
   */
  ADMISSION_MAX_LOOP_DELAY_MS: Type.Integer({ minimum: 0, maximum: 10000, default: 50 }),
  DATA_DIR: Type.String({ default: '.data' }),
  /** Redis connection string; unset means in-process fan-out and rate limits. */
  REDIS_URL: Type.Optional(Type.String({ pattern: '^rediss?://' })),
  /** Prefix of every Redis key and pub/sub channel, so several deployments (or test runs) share one Redis. */
  REDIS_PREFIX: Type.String({ default: 'livechat', pattern: '^[A-Za-z0-9_.-]+$' }),
  /** Where people reach the app; links in mails are built from it. */
  PUBLIC_URL: Type.String({ default: 'http://localhost:3000', pattern: '^https?://' }),
  /** Origins allowed to call refresh/logout and to open sockets; defaults to PUBLIC_URL's origin. */
  ALLOWED_ORIGINS: Type.Optional(Type.String()),
  /** RSA private key (PKCS#8 PEM, ≥ 2048 bits, RS256) that signs access tokens; unset in standalone means generated under DATA_DIR. */
  JWT_PRIVATE_KEY: Type.Optional(Type.String()),
  /** Key id of JWT_PRIVATE_KEY, written into every token header. */
  JWT_KEY_ID: Type.Optional(Type.String({ minLength: 1 })),
  ACCESS_TOKEN_TTL_SECONDS: Type.Integer({ minimum: 5, maximum: 86400, default: 900 }),
  REFRESH_TOKEN_TTL_SECONDS: Type.Integer({ minimum: 60, default: 30 * 86400 }),
  /**
   * A session ends this long after its sign-in however often it is refreshed (ASVS V7.3.2): each
   * refresh extends it by REFRESH_TOKEN_TTL_SECONDS, never past this.
   */
  SESSION_MAX_AGE_SECONDS: Type.Integer({ minimum: 60, default: 90 * 86400 }),
  /** A rotated refresh token presented again within this window (two tabs refreshing together) is not theft. */
  REFRESH_REUSE_GRACE_SECONDS: Type.Integer({ minimum: 0, maximum: 300, default: 20 }),
  EMAIL_TOKEN_TTL_SECONDS: Type.Integer({ minimum: 60, default: 3600 }),
  RESEND_API_KEY: Type.Optional(Type.String({ minLength: 1 })),
  /** Base URL of the Resend API; tests point it at a local stub. */
  RESEND_BASE_URL: Type.Optional(Type.String({ pattern: '^https?://' })),
  MAIL_FROM: Type.String({ default: 'LiveChat <no-reply@livechat.local>' }),
  /** Delay before a mail that failed to send is retried; doubles per attempt, capped at an hour. */
  MAIL_RETRY_BASE_MS: Type.Integer({ minimum: 10, default: 5000 }),
  /** Serve the dev mailbox at /api/dev/mailbox. Never set in production. */
  DEV_MAILBOX: Type.Boolean({ default: false }),
  /**
   * Requests per minute per client IP on each auth endpoint, and per account on each but login (which
   * the LOGIN_* throttle slows down instead of locking).
   */
  RATE_LIMIT_AUTH_PER_MINUTE: Type.Integer({ minimum: 1, default: 30 }),
  /** The window login failures are counted in, per (account, address) pair and per account. */
  LOGIN_FAILURE_WINDOW_SECONDS: Type.Integer({ minimum: 1, default: 900 }),
  /** Failed logins of one account from one client address per window; then that pair waits the window out. */
  LOGIN_FAILURES_PER_ADDRESS: Type.Integer({ minimum: 1, default: 10 }),
  /** Failed logins of one account from all addresses per window before its attempts are spaced out. */
  LOGIN_SLOWDOWN_AFTER_FAILURES: Type.Integer({ minimum: 0, default: 5 }),
  /** The first gap between a slowed-down account's attempts; it doubles with every further failure. */
  LOGIN_SLOWDOWN_BASE_MS: Type.Integer({ minimum: 1, default: 1000 }),
  /** The longest gap: the most the real owner waits, however many guesses others made. */
  LOGIN_SLOWDOWN_MAX_MS: Type.Integer({ minimum: 1, default: 30_000 }),
  /** Messages per 10 seconds per account (and per IP, times 5) on the send endpoint. */
  RATE_LIMIT_SEND_PER_10S: Type.Integer({ minimum: 1, default: 50 }),
  /** Addresses of reverse proxies whose X-Forwarded-For is believed (comma-separated IPs or CIDRs). */
  TRUST_PROXY: Type.Optional(Type.String()),
  BODY_LIMIT_BYTES: Type.Integer({ minimum: 1024, default: 64 * 1024 }),
  LOG_LEVEL: Type.Unsafe<'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'>(
    Type.Union(
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((level) => Type.Literal(level)),
      {
        default: 'info',
      },
    ),
  ),
  /** How long SIGTERM waits for in-flight requests before exiting. */
  SHUTDOWN_GRACE_MS: Type.Integer({ minimum: 0, default: 10000 }),
});
export type ApiConfig = Static<typeof ApiEnv>;

export const loadApiConfig = (source: Record<string, string | undefined> = process.env): ApiConfig =>
  readEnv(ApiEnv, source);

/**
 * Whether browsers reach the app over https (PUBLIC_URL): then the refresh cookie is Secure and
 * `__Secure-` prefixed, and every response carries Strict-Transport-Security.
 */
export const servedOverHttps = (config: Pick<ApiConfig, 'PUBLIC_URL'>): boolean =>
  new URL(config.PUBLIC_URL).protocol === 'https:';

/** The origins allowed to send credentialed requests: ALLOWED_ORIGINS, or the origin of PUBLIC_URL. */
export function allowedOrigins(config: ApiConfig): string[] {
  const list = splitList(config.ALLOWED_ORIGINS ?? '');
  return list.length ? list : [new URL(config.PUBLIC_URL).origin];
}
