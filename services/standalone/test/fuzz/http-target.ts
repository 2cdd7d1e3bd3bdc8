import type { RouteName } from '@livechat/protocol';
import { clip, repairSchedule, type FuzzContext, type FuzzTarget } from './fuzz-context.js';
import { caseRequest, httpCaseArbitrary, type HttpCase } from './http-case.js';
import { responseProblems } from './response-checks.js';

/** The fuzz server's body limit (BODY_LIMIT_BYTES, left at its default). */
const BODY_LIMIT_BYTES = 64 * 1024;
/** Routes whose success can end a session or take a fixture away: the world is repaired after one. */
const DISRUPTIVE = new Set<RouteName>(['changePassword', 'resetPassword', 'deleteRoom', 'removeMember']);
/** Routes that run argon2id for most inputs that pass validation. */
const HASHING = new Set<RouteName>(['register', 'login', 'changePassword', 'resetPassword']);
/** Routes that act on Carol's session (caseRequest): she signs in again after one ended it. */
const CAROLS = new Set<RouteName>(['logout', 'refresh']);

/** The cases of one REST route: sent over HTTP, every answer checked, its status counted. */
export function httpTarget(route: RouteName, context: FuzzContext): FuzzTarget<HttpCase> {
  const { world, http, server, histogram } = context;
  const repairIfDue = repairSchedule(world);
  return {
    name: route,
    weight: HASHING.has(route) ? 0.25 : 1,
    arbitrary: httpCaseArbitrary(route),
    async run(input) {
      await repairIfDue();
      if (CAROLS.has(route) && world.carolSignedOut) await world.renewCarol();
      const request = caseRequest(input, world);
      const response = await http.send(request).catch((error: NodeJS.ErrnoException) => {
        server.assertAlive();
        // A body past the limit is refused (413) and no longer read: the rest of its write can break first.
        const oversized = Buffer.byteLength(request.body ?? '') > BODY_LIMIT_BYTES;
        if (oversized && (error.code === 'EPIPE' || error.code === 'ECONNRESET')) return null;
        throw new Error(
          `${route}: no answer (${error.message}) to ${request.method} ${clip(request.path, 200)}`,
        );
      });
      if (!response) return void histogram.add(route, 'closed:oversized');
      histogram.add(route, String(response.status));
      // Login sets the cookie of whoever logged in: only refresh and logout act on Carol's.
      if (CAROLS.has(route)) world.noteCookies(response, request.sentCookie);
      if (response.status < 300 && DISRUPTIVE.has(route)) world.broken = true;
      // Alice's session ended under a concurrent case (not yet traced which): sign her in again at once
      // rather than at the next scheduled repair, so the other targets keep reaching their handlers.
      if (response.status === 401 && input.caller === 'alice' && /session has ended/.test(response.body))
        world.broken = true;
      if (response.status < 300 && route === 'logout') {
        if (input.caller === 'bob' || input.caller === 'uma') world.broken = true;
        else world.carolSignedOut = true;
      }
      if (route === 'changePassword' && response.status === 200 && input.caller === 'alice')
        world.passwordChanged((request.resolvedBody as { newPassword: string }).newPassword);
      server.assertAlive();
      const problems = responseProblems(response);
      if (problems.length)
        throw new Error(
          `${route}: ${problems.join('; ')}\n${request.method} ${clip(request.path, 300)}\n` +
            `→ ${response.status} ${clip(response.body, 1000)}`,
        );
    },
  };
}
