// Accounts and rooms for the k6 scenarios, made through the real API as a person would: register, open
// the verification mail (the deployment under test must run with DEV_MAILBOX=true and auth rate limits
// raised, e.g. RATE_LIMIT_AUTH_PER_MINUTE=100000), verify, log in; then create rooms as their owners.
import http from 'k6/http';
import { check, fail } from 'k6';
import { ROOM_CREATE_MAX_MEMBERS, ROUTES, routePath } from './livechat-contract.js';

const JSON_HEADERS = { 'content-type': 'application/json' };
const PASSWORD = 'k6 load test password';

function request(baseUrl, route, body, token, params) {
  const headers = Object.assign({}, JSON_HEADERS, token ? { authorization: `Bearer ${token}` } : {});
  const url = baseUrl + routePath(route.path, params || {});
  return {
    method: route.method,
    url,
    body: body === undefined ? null : JSON.stringify(body),
    params: { headers, tags: { name: route.path } },
  };
}

function send(baseUrl, route, body, token, params) {
  const r = request(baseUrl, route, body, token, params);
  return http.request(r.method, r.url, r.body, r.params);
}

function expectStatus(response, status, what) {
  if (!check(response, { [`${what} answers ${status}`]: (res) => res.status === status }))
    fail(`${what}: HTTP ${response.status} ${response.body}`);
  return response.json();
}

/** Registers, verifies and logs in `count` users, `batch` at a time; returns [{ id, token }]. */
export function createUsers(baseUrl, count, runId, batch) {
  const users = [];
  const size = batch || 20;
  for (let start = 0; start < count; start += size) {
    const emails = [];
    for (let index = start; index < Math.min(count, start + size); index++)
      emails.push(`k6-${runId}-${index}@loadtest.invalid`);
    const register = (email, index) =>
      request(baseUrl, ROUTES.register, {
        email,
        password: PASSWORD,
        displayName: `k6 user ${start + index}`,
      });
    http.batch(emails.map(register)).forEach((res) => expectStatus(res, 202, 'register'));
    const tokens = emails.map((email) => {
      const res = http.get(`${baseUrl}${ROUTES.devMailbox.path}?to=${encodeURIComponent(email)}`);
      const mails = expectStatus(res, 200, 'dev mailbox').mails;
      const match = mails.length ? /token=([A-Za-z0-9_-]+)/.exec(mails[0].text) : null;
      if (!match) fail(`no verification link in the mailbox of ${email}`);
      return match[1];
    });
    http
      .batch(tokens.map((token) => request(baseUrl, ROUTES.verifyEmail, { token })))
      .forEach((res) => expectStatus(res, 200, 'verify email'));
    http
      .batch(emails.map((email) => request(baseUrl, ROUTES.login, { email, password: PASSWORD })))
      .forEach((res) => {
        const body = expectStatus(res, 200, 'login');
        users.push({ id: body.user.id, token: body.accessToken });
      });
  }
  return users;
}

/** Creates one room per group of users (the first owns it); returns the room ids. */
export function createRooms(baseUrl, groups) {
  return groups.map((members, index) => {
    if (members.length - 1 > ROOM_CREATE_MAX_MEMBERS) fail(`room ${index} has too many members`);
    const res = send(
      baseUrl,
      ROUTES.createRoom,
      {
        name: `k6 room ${index}`,
        memberIds: members.slice(1).map((user) => user.id),
      },
      members[0].token,
    );
    return expectStatus(res, 201, 'create room').id;
  });
}

/** Sends one message; returns the k6 response (201 when stored). */
export function sendMessage(baseUrl, user, roomId, clientId, body) {
  return send(baseUrl, ROUTES.sendMessage, { clientId, body }, user.token, { id: roomId });
}
