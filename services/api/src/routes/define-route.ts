import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify';
import type { VerifiedAccessToken } from '@livechat/access-token';
import {
  ROUTES,
  type RouteBody,
  type RouteName,
  type RouteParams,
  type RouteQuery,
  type RouteResponse,
} from '@livechat/protocol';

export interface RouteContext<N extends RouteName> {
  params: RouteParams<N>;
  query: RouteQuery<N>;
  body: RouteBody<N>;
  /** The caller; always set unless the route is public. */
  auth: (typeof ROUTES)[N]['access'] extends 'public' ? VerifiedAccessToken | null : VerifiedAccessToken;
  request: FastifyRequest;
  reply: FastifyReply;
}

export interface RouteOptions {
  /** Extra hooks that run after authentication and validation, e.g. rate limits. */
  preHandler?: preHandlerHookHandler[];
}

/**
 * Registers one route of the protocol's ROUTES table: method, path, schemas (validation, serialisation and
 * OpenAPI) and access all come from the contract, so a route cannot drift from what clients are told.
 */
export function defineRoute<N extends RouteName>(
  app: FastifyInstance,
  name: N,
  handler: (context: RouteContext<N>) => Promise<RouteResponse<N>>,
  options: RouteOptions = {},
): void {
  const spec = ROUTES[name];
  const schema: Record<string, unknown> = {
    operationId: name,
    summary: spec.summary,
    tags: [spec.tag],
    response: { [spec.status]: spec.response },
  };
  if ('params' in spec) schema.params = spec.params;
  if ('query' in spec) schema.querystring = spec.query;
  if ('body' in spec) schema.body = spec.body;
  if (spec.access !== 'public') schema.security = [{ bearer: [] }];

  app.route({
    method: spec.method,
    url: spec.path,
    schema,
    // Authentication runs before the body is parsed, so an anonymous flood costs no JSON parsing.
    onRequest: (request) => app.authenticate(request, spec.access),
    preHandler: options.preHandler ?? [],
    handler: async (request, reply) => {
      // Past saturation the handler is refused (503 with Retry-After) rather than queued for seconds.
      const result = await app.admission.run(() =>
        handler({
          params: request.params as RouteParams<N>,
          query: request.query as RouteQuery<N>,
          body: request.body as RouteBody<N>,
          auth: request.auth as RouteContext<N>['auth'],
          request,
          reply,
        }),
      );
      return reply.code(spec.status).send(result);
    },
  });
}
