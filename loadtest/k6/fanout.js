// Fan-out (issue 3): ROOMS rooms of MEMBERS members each, every member connected to one of the gateways in
// GATEWAY_URLS (round-robin), while senders post RATE messages per second over REST. Reports delivered
// messages per second (message_delivered) and send→deliver latency (deliver_latency_ms). Gateway CPU per
// delivered message: read each gateway's CPU time before and after the run (e.g. /proc/<pid>/stat).
//
//   k6 run -e BASE_URL=http://localhost:8080 -e GATEWAY_URLS=http://gw1:3001,http://gw2:3001,http://gw3:3001 \
//          -e ROOMS=20 -e MEMBERS=100 -e RATE=50 -e DURATION=60s loadtest/k6/fanout.js
//
// Latency uses the k6 machine's clock on both ends: the send time travels in the message body.
import exec from 'k6/execution';
import { Counter, Trend } from 'k6/metrics';
import { setTimeout } from 'k6/timers';
import { createRooms, createUsers, sendMessage } from './lib/accounts.js';
import { EVENTS } from './lib/livechat-contract.js';
import { openSocket, urlList } from './lib/k6-socket.js';

const BASE_URL = __ENV.BASE_URL || 'http://localhost:8080';
const GATEWAYS = urlList(__ENV.GATEWAY_URLS, BASE_URL);
const ORIGIN = __ENV.ORIGIN || BASE_URL;
const ROOMS = Number(__ENV.ROOMS || 20);
const MEMBERS = Number(__ENV.MEMBERS || 100);
const WARMUP_SECONDS = Number(__ENV.WARMUP || 30);
const DURATION = __ENV.DURATION || '60s';
const DURATION_SECONDS = Number(DURATION.replace(/s$/, ''));

const delivered = new Counter('message_delivered');
const deliverLatency = new Trend('deliver_latency_ms', true);
const sent = new Counter('message_sent');
const listenersReady = new Counter('listeners_ready');

export const options = {
  setupTimeout: '30m',
  summaryTrendStats: ['p(50)', 'p(99)', 'max', 'count'],
  scenarios: {
    listeners: {
      executor: 'per-vu-iterations',
      exec: 'listen',
      vus: ROOMS * MEMBERS,
      iterations: 1,
      maxDuration: `${WARMUP_SECONDS + DURATION_SECONDS + 60}s`,
    },
    senders: {
      executor: 'constant-arrival-rate',
      exec: 'sendOne',
      rate: Number(__ENV.RATE || 50),
      timeUnit: '1s',
      duration: DURATION,
      preAllocatedVUs: 50,
      startTime: `${WARMUP_SECONDS}s`,
    },
  },
};

export function setup() {
  const users = createUsers(BASE_URL, ROOMS * MEMBERS, `${Date.now()}`);
  const groups = Array.from({ length: ROOMS }, (_, room) =>
    users.slice(room * MEMBERS, (room + 1) * MEMBERS),
  );
  return { users, roomIds: createRooms(BASE_URL, groups) };
}

/** One member: connect, then count every message:new until the senders are done (plus a drain margin). */
export function listen(data) {
  const index = exec.vu.idInTest - 1;
  const user = data.users[index];
  const { ws } = openSocket(GATEWAYS[index % GATEWAYS.length], user.token, ORIGIN, {
    onEvent: (name, args) => {
      if (name === EVENTS.ready) listenersReady.add(1);
      if (name !== EVENTS.messageNew) return;
      const match = /^k6:(\d+)/.exec(args[0].message.body);
      if (!match) return;
      delivered.add(1);
      deliverLatency.add(Date.now() - Number(match[1]));
    },
  });
  setTimeout(() => ws.close(), (WARMUP_SECONDS + DURATION_SECONDS + 10) * 1000);
}

export function sendOne(data) {
  const room = Math.floor(Math.random() * ROOMS);
  const sender = data.users[room * MEMBERS + Math.floor(Math.random() * MEMBERS)];
  const clientId = `k6-${exec.vu.idInTest}-${exec.scenario.iterationInTest}`;
  const res = sendMessage(BASE_URL, sender, data.roomIds[room], clientId, `k6:${Date.now()}`);
  if (res.status === 201) sent.add(1);
}
