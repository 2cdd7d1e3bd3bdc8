import type { Kysely } from 'kysely';
import type { Server } from 'socket.io';
import type { RedisClient, RevokedSessions } from '@livechat/server-kit';
import type { ApiConfig } from './config.js';
import type { SigningKeys } from './auth/signing-keys.js';
import type { Database } from './db/schema.js';
import type { ConfirmPublished } from './events/publish-confirmation.js';
import type { MailSender } from './mail/mail-sender.js';

/**
 * Everything the API needs from outside, chosen at boot by mode: Postgres or PGlite, Redis or nothing,
 * the Socket.IO server events go through (its own in cluster, the gateway's in standalone), Resend or the
 * dev mailbox. Tests build it from real parts.
 */
export interface ApiDependencies {
  config: ApiConfig;
  db: Kysely<Database>;
  io: Server;
  /** Whether a publish through `io` can reach the other processes right now. */
  fanoutReady: () => boolean;
  /** Runs broadcasts through `io` and resolves once the transport took them (rejects if it did not). */
  confirmPublished: ConfirmPublished;
  /** Shared store for rate limits; null keeps them in memory (one process). */
  redis: RedisClient | null;
  keys: SigningKeys;
  mailSender: MailSender;
  /**
   * The revoked-session list: on Redis in a cluster, in memory otherwise — in standalone the very one the
   * gateway checks. The API writes it and rebuilds it from Postgres (src/plugins/revoked-sessions.ts).
   */
  revokedSessions: RevokedSessions;
}
