import { ROUTES, type TokenResponse } from '@livechat/protocol';

export interface SessionRouteAnswer {
  route: 'login' | 'refresh' | 'me' | 'listRooms';
  status: number;
  headers: Headers;
}

/**
 * Answers of the routes that carry a session (log in, refresh, the signed-in user, their rooms), fetched
 * over HTTP as a browser sends them: Origin on every call, the refresh cookie from the login. `account`
 * must be verified. Tests hold every answer to the header policy, in standalone and through nginx.
 */
export async function sessionRouteAnswers(
  baseUrl: string,
  origin: string,
  account: { email: string; password: string },
): Promise<SessionRouteAnswer[]> {
  const answers: SessionRouteAnswer[] = [];
  const call = async (route: SessionRouteAnswer['route'], init: RequestInit) => {
    const response = await fetch(`${baseUrl}${ROUTES[route].path}`, {
      ...init,
      method: ROUTES[route].method,
      headers: { origin, ...init.headers },
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${route} answered ${response.status}: ${text}`);
    answers.push({ route, status: response.status, headers: response.headers });
    return { response, text };
  };
  const login = await call('login', {
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(account),
  });
  const cookie = login.response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');
  const refreshed = await call('refresh', { headers: { cookie } });
  const { accessToken } = JSON.parse(refreshed.text) as TokenResponse;
  const authorization = `Bearer ${accessToken}`;
  await call('me', { headers: { authorization } });
  await call('listRooms', { headers: { authorization } });
  return answers;
}
