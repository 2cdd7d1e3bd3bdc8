import type { FastifyInstance } from 'fastify';

export default async function routes(_app: FastifyInstance): Promise<void> {
  // TODO(helper): routes of this resource
}
