import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { normalizeIP } from '@fastify/rate-limit';
import { normalizeEmail } from '../users/normalize-email.js';

/** What a limiter counts by; null means the request has no such subject and that limiter lets it pass. */
export type Subject = (request: FastifyRequest) => string | null;

/**
 * The client address: Fastify's `request.ip` believes X-Forwarded-For only from TRUST_PROXY (nginx), so
 * nobody picks their own bucket by sending the header. IPv6 clients are grouped by /64, the block one
 * subscriber gets. A request whose connection is already gone has no address (`request.ip` undefined —
 * found by the fuzz suite as a 500): those share one bucket, so losing the address never skips a limit.
 */
export const clientIp: Subject = (request) => (request.ip ? `ip:${normalizeIP(request.ip)}` : 'ip:unknown');

/** An email address as a counter key: hashed, so counters in Redis need not name people. */
export const emailKey = (email: string): string =>
  `email:${createHash('sha256').update(normalizeEmail(email)).digest('base64url').slice(0, 22)}`;
