// Send path (issue 2): persisted messages per second and latency of POST /api/rooms/:id/messages with
// ROOMS rooms and SENDERS concurrent senders, each sending again as soon as its previous message is stored.
//
//   k6 run -e BASE_URL=http://localhost:8080 -e SENDERS=200 -e ROOMS=100 -e DURATION=60s loadtest/k6/send-path.js
//
// The deployment must run with DEV_MAILBOX=true (setup verifies accounts through it) and raised limits:
// RATE_LIMIT_AUTH_PER_MINUTE and RATE_LIMIT_SEND_PER_10S. Compare http_req_duration{name:…/messages}
// with messages_stored/s in the summary.
import { check } from 'k6';
import exec from 'k6/execution';
import { Counter, Trend } from 'k6/metrics';
import { createRooms, createUsers, sendMessage } from './lib/accounts.js';

const BASE_URL = __ENV.BASE_URL || 'http://localhost:8080';
const SENDERS = Number(__ENV.SENDERS || 200);
const ROOMS = Number(__ENV.ROOMS || 100);

const stored = new Counter('messages_stored');
const sendLatency = new Trend('send_latency_ms', true);

export const options = {
  setupTimeout: '15m',
  summaryTrendStats: ['p(50)', 'p(99)', 'max', 'count'],
  scenarios: {
    senders: { executor: 'constant-vus', vus: SENDERS, duration: __ENV.DURATION || '60s' },
  },
};

export function setup() {
  const users = createUsers(BASE_URL, SENDERS, `${Date.now()}`);
  // Sender i writes into room i mod ROOMS; the room's first sender owns it.
  const groups = Array.from({ length: ROOMS }, (_, room) =>
    users.filter((_, index) => index % ROOMS === room),
  );
  return { users, roomIds: createRooms(BASE_URL, groups) };
}

export default function (data) {
  const sender = exec.vu.idInTest - 1;
  const user = data.users[sender % data.users.length];
  const clientId = `k6-${sender}-${exec.vu.iterationInScenario}`;
  const res = sendMessage(BASE_URL, user, data.roomIds[sender % ROOMS], clientId, `k6 message ${clientId}`);
  if (check(res, { 'message stored (201)': (r) => r.status === 201 })) {
    stored.add(1);
    sendLatency.add(res.timings.duration);
  }
}
