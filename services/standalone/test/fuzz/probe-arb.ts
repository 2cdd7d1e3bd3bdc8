import fc from 'fast-check';
import { ROUTES, type RouteName } from '@livechat/protocol';
import { httpCaseArbitrary } from './http-case.js';
import { socketEventArbitrary, unknownEventArbitrary, handshakeArbitrary } from './socket-case.js';
for (const route of Object.keys(ROUTES) as RouteName[]) {
  const t = Date.now();
  fc.sample(httpCaseArbitrary(route), 200);
  console.log(route, Date.now() - t, 'ms');
}
for (const [n, a] of [
  ['typing', socketEventArbitrary('typing:start')],
  ['presence', socketEventArbitrary('presence:query')],
  ['refresh', socketEventArbitrary('auth:refresh')],
  ['unknown', unknownEventArbitrary],
  ['hs', handshakeArbitrary],
] as const) {
  const t = Date.now();
  fc.sample(a as fc.Arbitrary<unknown>, 200);
  console.log(n, Date.now() - t, 'ms');
}
