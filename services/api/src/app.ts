import fp from 'fastify-plugin';
import cookie from '@fastify/cookie';
import type { ApiDependencies } from './context.js';
import admissionGate from './plugins/admission-gate.js';
import apiContext from './plugins/api-context.js';
import authenticate from './plugins/authenticate.js';
import loadShedding from './plugins/load-shedding.js';
import openapi from './plugins/openapi.js';
import problemDetails from './plugins/problem-details.js';
import rateLimits from './plugins/rate-limits.js';
import strictValidation from './plugins/strict-validation.js';
import revokedSessions from './plugins/revoked-sessions.js';
import tokens from './plugins/tokens.js';
import mail from './mail/mail-plugin.js';
import { registerRoutes } from './routes/index.js';

/**
 * The API as one Fastify plugin: the API-only server registers it alone, the standalone server beside the
 * gateway and the web app. Expects the `operations` plugin (health, readiness, metrics) on the server.
 */
export const apiPlugin = fp<{ deps: ApiDependencies }>(
  async (app, { deps }) => {
    await app.register(problemDetails);
    await app.register(loadShedding, { maxDelayMs: deps.config.ADMISSION_MAX_LOOP_DELAY_MS });
    await app.register(strictValidation);
    await app.register(cookie);
    await app.register(tokens, { keys: deps.keys, ttlSeconds: deps.config.ACCESS_TOKEN_TTL_SECONDS });
    await app.register(apiContext, { deps });
    await app.register(revokedSessions, { list: deps.revokedSessions });
    await app.register(authenticate);
    await app.register(openapi);
    await app.register(admissionGate);
    await app.register(rateLimits, { redis: deps.redis });
    await app.register(mail, { sender: deps.mailSender });
    await registerRoutes(app);
  },
  { name: 'livechat-api', dependencies: ['operations'] },
);
