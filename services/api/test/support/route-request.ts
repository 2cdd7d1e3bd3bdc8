import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import {
  ROUTES,
  routePath,
  type Problem,
  type RouteBody,
  type RouteName,
  type RouteParams,
  type RouteQuery,
  type RouteResponse,
} from '@livechat/protocol';
import type { TestUser } from './factories.js';

/** The parts of a route call; `params`, `query` and `body` are loose so tests can send wrong ones too. */
export interface RouteInput<N extends RouteName> {
  params?: RouteParams<N> | Record<string, string>;
  query?: RouteQuery<N> | Record<string, string | number>;
  body?: RouteBody<N> | Record<string, unknown>;
}

/** Calls a protocol route in-process (`app.inject`) as `user` (or anonymously with null). */
export function requestRoute<N extends RouteName>(
  app: FastifyInstance,
  user: TestUser | null,
  name: N,
  input: RouteInput<N> = {},
): Promise<LightMyRequestResponse> {
  const spec = ROUTES[name];
  const query = Object.fromEntries(
    Object.entries((input.query ?? {}) as Record<string, unknown>).map(([key, value]) => [
      key,
      String(value),
    ]),
  );
  return app.inject({
    method: spec.method,
    url: routePath(spec.path, input.params ?? {}),
    query,
    headers: user?.headers ?? {},
    ...(input.body === undefined ? {} : { payload: input.body as object }),
  });
}

/** Calls a route and insists on its success status; answers the typed body (or fails with the problem). */
export async function callRoute<N extends RouteName>(
  app: FastifyInstance,
  user: TestUser | null,
  name: N,
  input: RouteInput<N> = {},
): Promise<RouteResponse<N>> {
  const response = await requestRoute(app, user, name, input);
  if (response.statusCode !== ROUTES[name].status) {
    throw new Error(`${name} answered ${response.statusCode}: ${response.body}`);
  }
  return response.json<RouteResponse<N>>();
}

/** Calls a route that must fail; answers the problem details after checking the status and content type. */
export async function refusedRoute<N extends RouteName>(
  app: FastifyInstance,
  user: TestUser | null,
  name: N,
  input: RouteInput<N> = {},
): Promise<Problem> {
  const response = await requestRoute(app, user, name, input);
  if (
    response.statusCode < 400 ||
    !response.headers['content-type']?.startsWith('application/problem+json')
  ) {
    throw new Error(`${name} was expected to fail but answered ${response.statusCode}: ${response.body}`);
  }
  return response.json<Problem>();
}
