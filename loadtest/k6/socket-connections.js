// Socket connections (issue 3): CONNECTIONS authenticated Socket.IO connections held idle on a gateway for
// HOLD seconds, opened over RAMP seconds. Read the gateway's RSS and its connection gauge (/metrics) while
// they are held: RSS per idle connection = (RSS held − RSS before) / connections.
//
//   k6 run -e BASE_URL=http://localhost:8080 -e GATEWAY_URLS=http://localhost:8080 \
//          -e CONNECTIONS=5000 -e USERS=500 -e RAMP=60 -e HOLD=120 loadtest/k6/socket-connections.js
//
// USERS accounts are registered in setup (DEV_MAILBOX=true, raised auth rate limits); connections are
// spread over them round-robin, like several tabs per person. ORIGIN must be in the gateway's ALLOWED_ORIGINS.
import exec from 'k6/execution';
import { Counter, Trend } from 'k6/metrics';
import { setTimeout } from 'k6/timers';
import { createUsers } from './lib/accounts.js';
import { EVENTS } from './lib/livechat-contract.js';
import { openSocket, urlList } from './lib/k6-socket.js';

const BASE_URL = __ENV.BASE_URL || 'http://localhost:8080';
const GATEWAYS = urlList(__ENV.GATEWAY_URLS, BASE_URL);
const ORIGIN = __ENV.ORIGIN || BASE_URL;
const CONNECTIONS = Number(__ENV.CONNECTIONS || 5000);
const USERS = Number(__ENV.USERS || Math.min(CONNECTIONS, 500));
const RAMP_SECONDS = Number(__ENV.RAMP || 60);
const HOLD_SECONDS = Number(__ENV.HOLD || 120);

const ready = new Counter('sockets_ready');
const refused = new Counter('sockets_refused');
const dropped = new Counter('sockets_dropped');
const readyTime = new Trend('socket_ready_ms', true);

export const options = {
  setupTimeout: '30m',
  summaryTrendStats: ['p(50)', 'p(99)', 'max', 'count'],
  scenarios: {
    hold: {
      executor: 'per-vu-iterations',
      vus: CONNECTIONS,
      iterations: 1,
      maxDuration: `${RAMP_SECONDS + HOLD_SECONDS + 60}s`,
    },
  },
};

export function setup() {
  return { users: createUsers(BASE_URL, USERS, `${Date.now()}`) };
}

export default function (data) {
  const index = exec.vu.idInTest - 1;
  const user = data.users[index % data.users.length];
  // Stagger the opens over the ramp, then hold every socket until the same moment.
  const openAt = (index / CONNECTIONS) * RAMP_SECONDS * 1000;
  setTimeout(() => {
    const started = Date.now();
    let closing = false;
    const { ws } = openSocket(GATEWAYS[index % GATEWAYS.length], user.token, ORIGIN, {
      onConnectError: () => refused.add(1),
      onEvent: (name) => {
        if (name !== EVENTS.ready) return;
        ready.add(1);
        readyTime.add(Date.now() - started);
      },
      onClose: () => {
        if (!closing) dropped.add(1);
      },
    });
    setTimeout(
      () => {
        closing = true;
        ws.close();
      },
      (RAMP_SECONDS + HOLD_SECONDS) * 1000 - openAt,
    );
  }, openAt);
}
