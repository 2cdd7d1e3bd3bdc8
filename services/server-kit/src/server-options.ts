import { randomUUID } from 'node:crypto';
import type { FastifyServerOptions } from 'fastify';
import type { DestinationStream } from 'pino';
import { frameworkErrors } from './framework-errors.js';
import { RequestLogController } from './request-log-controller.js';

/** Never logged: credentials in headers and bodies. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.token',
  '*.accessToken',
];

/**
 * The accept queue every LiveChat server listens with (Node's default is 511; the kernel caps it at
 * net.core.somaxconn, 4096 on current Linux). A burst of new connections to a busy process — a reconnect
 * storm, a load balancer opening its pool — overflows a short queue, and every SYN the kernel drops costs
 * its client a retransmit 1 s later, then 3 s: issue 7's past-saturation row measured 1,576 dropped SYNs
 * and an accepted-send p99 of 2.9 s at the client while the API's own p99 was under 0.5 s.
 */
export const LISTEN_BACKLOG = 4096;

export interface ServerOptionsInput {
  logLevel: string;
  bodyLimit?: number;
  /** Comma-separated proxy addresses whose X-Forwarded-For is believed; unset believes nobody. */
  trustProxy?: string | undefined;
  /** Name of the service in every log line. */
  service: string;
  /** Where log lines go; stdout unless given (tests read them). */
  logStream?: DestinationStream;
}

/**
 * Fastify options shared by every LiveChat server: pino with request ids and redaction, one log line
 * per request (request-log-controller.ts), trusted proxies, problem+json for refusals made before routing.
 */
export function serverOptions(input: ServerOptionsInput): FastifyServerOptions {
  return {
    logger: {
      level: input.logLevel,
      base: { service: input.service },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      ...(input.logStream ? { stream: input.logStream } : {}),
    },
    logController: new RequestLogController(),
    // nginx sets X-Request-Id; we keep it so one id follows a request through the proxy and the service.
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    bodyLimit: input.bodyLimit ?? 64 * 1024,
    trustProxy: input.trustProxy
      ? input.trustProxy
          .split(',')
          .map((address) => address.trim())
          .filter(Boolean)
      : false,
    frameworkErrors,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
  };
}
