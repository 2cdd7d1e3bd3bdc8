import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import { routeLabel } from './route-label.js';

/**
 * Fastify's request logging, one line per request: Fastify logs two at info ("incoming request" and
 * "request completed"), and the second lacks the route. Here the completion line, at info, says
 * method, route pattern, status and duration (ms); the details (URL with ids and query, host, client
 * address) and the 4xx/404 notes move to debug. Errors keep their own lines at error, as before.
 * Each line carries `reqId`, from request.log.
 */
export class RequestLogController extends LogController {
  override incomingRequest(request: FastifyRequest): void {
    request.log.debug({ req: request }, 'incoming request');
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply) {
    const summary = {
      method: request.method,
      route: routeLabel(request),
      status: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 10) / 10,
    };
    if (error) reply.log.error({ ...summary, err: error }, 'request errored');
    else reply.log.info(summary, 'request');
  }

  override routeNotFound(request: FastifyRequest): void {
    request.log.debug({ url: request.url }, 'route not found');
  }

  override defaultErrorLog(error: Error, request: FastifyRequest, reply: FastifyReply): void {
    if (reply.statusCode >= 500) super.defaultErrorLog(error, request, reply);
    else reply.log.debug({ err: error }, error.message);
  }
}
