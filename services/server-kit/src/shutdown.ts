import type { FastifyBaseLogger as Logger } from 'fastify';

/**
 * Runs `close` once on SIGTERM or SIGINT, then exits; a second signal, or `close` outlasting `graceMs`,
 * exits at once so an orchestrator never waits on a stuck process.
 */
export function closeOnSignals(close: () => Promise<void>, logger: Logger, graceMs: number): void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) process.exit(1);
    closing = true;
    logger.info({ signal }, 'shutting down');
    setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, graceMs + 2000).unref();
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
