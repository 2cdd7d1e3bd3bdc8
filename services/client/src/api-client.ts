import {
  PROBLEM_CONTENT_TYPE,
  ROUTES,
  routePath,
  type ErrorCode,
  type Problem,
  type RouteBody,
  type RouteName,
  type RouteParams,
  type RouteQuery,
  type RouteResponse,
} from '@livechat/protocol';

/** A refused request, with the protocol's error code and, for validation errors, the fields concerned. */
export class ApiRequestError extends Error {
  /** How long the server asked us to wait before repeating: the problem's field, else the Retry-After header. */
  readonly retryAfterSeconds: number | undefined;
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly problem: Problem | null,
    retryAfterHeader?: string | null,
  ) {
    super(message);
    this.retryAfterSeconds = problem?.retryAfterSeconds ?? parseRetryAfter(retryAfterHeader);
  }
}

/**
 * Retry-After as seconds: delay-seconds or an HTTP date (RFC 9110 §10.2.3). A proxy (nginx shedding load)
 * may send the header without our problem body, so it is read on its own too.
 */
export function parseRetryAfter(header: string | null | undefined, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

export interface ApiClientOptions {
  /** Origin the API is served from, e.g. `http://localhost:3000`; '' for same-origin in a browser. */
  baseUrl: string;
  /** Current access token, read on every request. */
  getToken?: () => string | null;
  fetch?: typeof fetch;
  /** Extra headers on every request (Node clients set Origin/Cookie themselves). */
  headers?: () => Record<string, string>;
  /**
   * Called when a signed-in request is refused with 401 (the token lapsed, e.g. a laptop slept past its
   * refresh). Resolve once `getToken` returns a new token: the request is then repeated once with it.
   */
  renewToken?: () => Promise<unknown>;
}

/** What a call of route `N` takes: its path parameters, query and body, each only where the route has one. */
export type RouteInput<N extends RouteName> = (RouteParams<N> extends undefined
  ? { params?: undefined }
  : { params: RouteParams<N> }) &
  (RouteQuery<N> extends undefined ? { query?: undefined } : { query?: RouteQuery<N> }) &
  (RouteBody<N> extends undefined ? { body?: undefined } : { body: RouteBody<N> });

/**
 * Typed calls to every REST route of the protocol: `api.call('sendMessage', { params, body })`.
 * Errors arrive as `ApiRequestError` with the protocol code.
 */
export function createApiClient(options: ApiClientOptions) {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);

  async function request<N extends RouteName>(
    name: N,
    input: RouteInput<N>,
    token: string | null,
  ): Promise<RouteResponse<N>> {
    const spec = ROUTES[name];
    let url = options.baseUrl + routePath(spec.path, input.params ?? {});
    if (input.query) {
      const search = new URLSearchParams();
      for (const [key, value] of Object.entries(input.query as Record<string, string | number | boolean>)) {
        if (value !== undefined) search.set(key, String(value));
      }
      if ([...search].length) url += `?${search.toString()}`;
    }
    const headers: Record<string, string> = { ...options.headers?.() };
    if (token) headers.authorization = `Bearer ${token}`;
    let body: string | undefined;
    if (input.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(input.body);
    } else if (spec.method === 'POST') {
      // Refresh and friends take no body; send an empty JSON object so content-type rules stay uniform.
      headers['content-type'] = 'application/json';
      body = '{}';
    }
    const response = await doFetch(url, { method: spec.method, headers, body, credentials: 'include' });
    const text = await response.text();
    if (!response.ok) {
      throw apiRequestErrorOf(
        response.status,
        response.headers.get('content-type'),
        text,
        response.headers.get('retry-after'),
      );
    }
    return (text ? JSON.parse(text) : undefined) as RouteResponse<N>;
  }

  async function call<N extends RouteName>(
    name: N,
    input: RouteInput<N> = {} as RouteInput<N>,
  ): Promise<RouteResponse<N>> {
    const used = options.getToken?.() ?? null;
    try {
      return await request(name, input, used);
    } catch (error) {
      const lapsed =
        error instanceof ApiRequestError && error.status === 401 && ROUTES[name].access !== 'public';
      if (!lapsed || !used || !options.renewToken) throw error;
      // Another call may have renewed the token while this one was on the wire: then just use the new one.
      if (options.getToken?.() === used) await options.renewToken();
      const fresh = options.getToken?.() ?? null;
      if (!fresh || fresh === used) throw error;
      return request(name, input, fresh);
    }
  }

  return { call };
}
export type ApiClient = ReturnType<typeof createApiClient>;

/**
 * The error an API answer that is not a success stands for: the problem's code when the body is
 * problem+json, else one derived from the status. For every caller that reads API answers (the gateway's
 * room-ids lookup too), so a refusal means the same whatever carried it.
 */
export function apiRequestErrorOf(
  status: number,
  contentType: string | null | undefined,
  text: string,
  retryAfter: string | null | undefined,
): ApiRequestError {
  if (contentType?.startsWith(PROBLEM_CONTENT_TYPE)) {
    const problem = JSON.parse(text) as Problem;
    return new ApiRequestError(status, problem.code, problem.detail, problem, retryAfter);
  }
  const code: ErrorCode = status >= 500 ? 'unavailable' : status === 429 ? 'rate_limited' : 'bad_request';
  return new ApiRequestError(status, code, `HTTP ${status}`, null, retryAfter);
}
