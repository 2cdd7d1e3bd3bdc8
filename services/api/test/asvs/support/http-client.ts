import { REFRESH_COOKIE, ROUTES, routePath, type RouteName, type TokenResponse } from '@livechat/protocol';
import { DEFAULT_PASSWORD } from '../../support/factories.js';
import { TEST_ORIGIN, type TestApi } from '../../support/test-api.js';

/** One answer as a browser or attacker sees it on the wire. */
export interface WireAnswer {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed JSON body (problem details on a refusal), or undefined when the body is not JSON. */
  body: unknown;
}

export interface WireRequest {
  params?: Record<string, string>;
  query?: Record<string, string | number>;
  body?: unknown;
  /** An access token sent as `Authorization: Bearer …`. */
  token?: string;
  /** A refresh token sent in its cookie. */
  refreshToken?: string;
  /** Extra or replacing headers; `origin: null` sends none. */
  headers?: Record<string, string | null>;
  /** Another method than the route's, to probe what the server accepts. */
  method?: string;
}

/**
 * Calls a protocol route over real HTTP on the API's socket, as the web app does (our Origin, JSON body),
 * unless the request says otherwise. The checklist goes over the wire so that what it asserts is what a
 * client sees: headers, cookies and statuses as sent, not as `app.inject` reports them.
 */
export async function callOverHttp(api: TestApi, name: RouteName, request: WireRequest = {}) {
  const spec = ROUTES[name];
  const query = new URLSearchParams(
    Object.fromEntries(Object.entries(request.query ?? {}).map(([key, value]) => [key, String(value)])),
  ).toString();
  return fetchOnWire(api, `${routePath(spec.path, request.params ?? {})}${query ? `?${query}` : ''}`, {
    ...request,
    method: request.method ?? spec.method,
  });
}

/** Sends one request to `path` on the API over HTTP (see `callOverHttp`). */
export async function fetchOnWire(
  api: TestApi,
  path: string,
  request: WireRequest = {},
): Promise<WireAnswer> {
  const headers: Record<string, string | null> = {
    origin: TEST_ORIGIN,
    ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
    ...(request.token ? { authorization: `Bearer ${request.token}` } : {}),
    ...(request.refreshToken ? { cookie: `${REFRESH_COOKIE}=${request.refreshToken}` } : {}),
    ...request.headers,
  };
  const response = await fetch(`${api.url}${path}`, {
    method: request.method ?? 'GET',
    headers: Object.fromEntries(
      Object.entries(headers).filter((entry): entry is [string, string] => entry[1] !== null),
    ),
    ...(request.body === undefined
      ? {}
      : { body: typeof request.body === 'string' ? request.body : JSON.stringify(request.body) }),
  });
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, text, body };
}

/** The attributes of one Set-Cookie line, by lower-cased name (`value` holds the cookie's value). */
export function setCookie(answer: WireAnswer, name: string): Record<string, string> | undefined {
  const line = answer.headers.getSetCookie().find((candidate) => candidate.startsWith(`${name}=`));
  if (!line) return undefined;
  const [pair, ...attributes] = line.split(';').map((part) => part.trim());
  const attributesByName = Object.fromEntries(
    attributes.map((attribute) => {
      const [key, ...rest] = attribute.split('=');
      return [key!.toLowerCase(), rest.join('=')];
    }),
  );
  return { ...attributesByName, value: pair!.slice(name.length + 1) };
}

export interface WireSession {
  accessToken: string;
  refreshToken: string;
  /** The refresh-token family, the access token's `sid`. */
  sessionId: string;
  login: WireAnswer;
}

/** Signs in over HTTP: the session a browser gets (access token in the body, refresh token in its cookie). */
export async function signIn(api: TestApi, email: string, password = DEFAULT_PASSWORD): Promise<WireSession> {
  const login = await callOverHttp(api, 'login', { body: { email, password } });
  if (login.status !== 200) throw new Error(`login answered ${login.status}: ${login.text}`);
  return sessionOf(api, login);
}

/** Refreshes over HTTP with a refresh token; the next session state, or the refusal. */
export async function refreshOverHttp(api: TestApi, refreshToken: string) {
  const answer = await callOverHttp(api, 'refresh', { refreshToken });
  return answer.status === 200 ? { answer, session: await sessionOf(api, answer) } : { answer };
}

async function sessionOf(api: TestApi, answer: WireAnswer): Promise<WireSession> {
  const { accessToken } = answer.body as TokenResponse;
  const refreshToken = setCookie(answer, REFRESH_COOKIE)?.value;
  if (!refreshToken) throw new Error(`no refresh cookie in: ${answer.headers.getSetCookie().join(' | ')}`);
  const { sessionId } = await api.app.tokens.verify(accessToken);
  return { accessToken, refreshToken, sessionId, login: answer };
}

/** The status `GET /api/users/me` answers an access token with: 200 while its session lives. */
export const meStatus = async (api: TestApi, accessToken: string) =>
  (await callOverHttp(api, 'me', { token: accessToken })).status;
