import fp from 'fastify-plugin';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { ApiConfig } from '../config.js';
import type { ApiDependencies } from '../context.js';
import type { Database } from '../db/schema.js';
import { EventPublisher } from '../events/event-publisher.js';
import { transact, type OutboxWriter } from '../events/outbox.js';

declare module 'fastify' {
  interface FastifyInstance {
    config: ApiConfig;
    db: Kysely<Database>;
    events: EventPublisher;
    /** One transaction whose recorded socket operations are published after it commits. */
    transact<T>(work: (trx: Transaction<Database>, outbox: OutboxWriter) => Promise<T>): Promise<T>;
  }
}

/** Decorates the API with its database, configuration and event publishing; starts the outbox relay. */
export default fp<{ deps: ApiDependencies }>(
  async (app, { deps }) => {
    const events = new EventPublisher({
      db: deps.db,
      io: deps.io,
      logger: app.log.child({ component: 'outbox' }),
      transportReady: deps.fanoutReady,
      confirmPublished: deps.confirmPublished,
    });
    app.decorate('config', deps.config);
    app.decorate('db', deps.db);
    app.decorate('events', events);
    app.decorate('transact', <T>(work: (trx: Transaction<Database>, outbox: OutboxWriter) => Promise<T>) =>
      transact(deps.db, events, work),
    );
    app.addReadinessCheck('database', async () => {
      await sql`select 1`.execute(deps.db);
      return true;
    });
    app.addHook('onReady', async () => events.start());
    app.addHook('onClose', async () => events.stop());
  },
  { name: 'api-context', dependencies: ['operations'] },
);
