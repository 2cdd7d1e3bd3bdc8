import type { RouteName } from '@livechat/protocol';
import { clip, repairSchedule, type FuzzContext, type FuzzTarget } from './fuzz-context.js';
import { caseRequest, httpCaseArbitrary, type HttpCase } from './http-case.js';
import { responseProblems } from './response-checks.js';

/** Routes whose success can end a session or take a fixture away: the world is repaired after one. */
const DISRUPTIVE = new Set<RouteName>([
  'logout',
  'changePassword',
  'resetPassword',
  'deleteRoom',
  'removeMember',
]);

/** The cases of one REST route: sent over HTTP, every answer checked, its status counted. */
export function httpTarget(route: RouteName, context: FuzzContext): FuzzTarget<HttpCase> {
  const { world, http, server, histogram } = context;
  const repairIfDue = repairSchedule(world);
  return {
    name: route,
    arbitrary: httpCaseArbitrary(route),
    async run(input) {
      await repairIfDue();
      const request = caseRequest(input, world);
      const response = await http.send(request).catch((error: Error) => {
        server.assertAlive();
        throw new Error(
          `${route}: no answer (${error.message}) to ${request.method} ${clip(request.path, 200)}`,
        );
      });
      histogram.add(route, String(response.status));
      world.noteCookies(response, request.sentCookie);
      if (response.status < 300 && DISRUPTIVE.has(route)) world.broken = true;
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
