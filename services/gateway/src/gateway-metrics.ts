import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { CLIENT_EVENTS, SERVER_EVENTS, type MessageNewEvent } from '@livechat/protocol';

const known = (names: object) => new Set(Object.keys(names));
const clientEventNames = known(CLIENT_EVENTS);
const serverEventNames = known(SERVER_EVENTS);

/** The gateway's Prometheus metrics, on the process registry that /metrics exposes. */
export function createGatewayMetrics(registry: Registry, countSockets: () => number) {
  const registers = [registry];
  const sockets = new Gauge({
    name: 'gateway_connected_sockets',
    help: 'Sockets connected to this gateway process',
    registers,
    collect() {
      this.set(countSockets());
    },
  });
  const eventsIn = new Counter({
    name: 'gateway_events_in_total',
    help: 'Client events received, by event name (unknown names counted as "unknown")',
    labelNames: ['event'] as const,
    registers,
  });
  const eventsOut = new Counter({
    name: 'gateway_events_out_total',
    help:
      'Events broadcast to sockets, one per receiving socket, by event name (counted once per broadcast ' +
      'with its number of local recipients; the per-connection ready and connection:closing are not counted)',
    labelNames: ['event'] as const,
    registers,
  });
  const broadcasts = new Counter({
    name: 'gateway_broadcasts_total',
    help:
      'Broadcasts this gateway wrote to its sockets (from this replica or arriving through Redis), by ' +
      'event name, including those that found no local recipient',
    labelNames: ['event'] as const,
    registers,
  });
  const rejections = new Counter({
    name: 'gateway_event_rejections_total',
    help: 'Client events answered with an error, by error code',
    labelNames: ['code'] as const,
    registers,
  });
  const refusals = new Counter({
    name: 'gateway_handshake_refusals_total',
    help: 'Connections refused at handshake, by error code',
    labelNames: ['code'] as const,
    registers,
  });
  const cutOff = new Counter({
    name: 'gateway_sockets_cut_off_total',
    help: 'Sockets the gateway disconnected to protect itself, by reason',
    labelNames: ['reason'] as const,
    registers,
  });
  const deliveryAge = new Histogram({
    name: 'gateway_message_delivery_age_seconds',
    help:
      'Age of a new message when this gateway writes it to its sockets: now minus message.createdAt (the ' +
      'database clock when the sending transaction began), observed once per message:new broadcast that ' +
      "reaches at least one local socket, not once per socket. Covers the API's commit and publish, Redis " +
      'and this hop; assumes the database and gateway clocks agree',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });
  const presenceTransitions = new Counter({
    name: 'gateway_presence_transitions_total',
    help: 'Users this gateway announced online or offline',
    labelNames: ['state'] as const,
    registers,
  });

  return {
    sockets,
    eventIn: (event: string) => eventsIn.inc({ event: clientEventNames.has(event) ? event : 'unknown' }),
    /** One broadcast of `event` written to `recipients` local sockets. */
    broadcast: (event: string, payload: unknown, recipients: number) => {
      const labels = { event: serverEventNames.has(event) ? event : 'other' };
      broadcasts.inc(labels);
      if (recipients === 0) return;
      eventsOut.inc(labels, recipients);
      if (event !== 'message:new') return;
      const age =
        (Date.now() - Date.parse(String((payload as Partial<MessageNewEvent>)?.message?.createdAt))) / 1000;
      if (Number.isFinite(age)) deliveryAge.observe(Math.max(0, age));
    },
    rejected: (code: string) => rejections.inc({ code }),
    refused: (code: string) => refusals.inc({ code }),
    cutOff: (reason: 'slow_consumer' | 'flood' | 'token_expired' | 'session_revoked' | 'rooms_unavailable') =>
      cutOff.inc({ reason }),
    presence: (online: boolean) => presenceTransitions.inc({ state: online ? 'online' : 'offline' }),
  };
}

export type GatewayMetrics = ReturnType<typeof createGatewayMetrics>;
