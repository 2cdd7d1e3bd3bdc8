import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import { AccessTokenError, type VerifiedAccessToken } from '@livechat/access-token';
import type { RouteAccess } from '@livechat/protocol';
import { ApiError } from '../errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The verified access token of the caller; null on public routes without one. */
    auth: VerifiedAccessToken | null;
  }
  interface FastifyInstance {
    /** Verifies the bearer token as the route's access level demands; throws ApiError otherwise. */
    authenticate(request: FastifyRequest, access: RouteAccess): Promise<void>;
    /** Verifies one access token for a signed-in access level; throws ApiError otherwise. */
    verifyAccess(token: string, access: Exclude<RouteAccess, 'public'>): Promise<VerifiedAccessToken>;
  }
}

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1])
    throw new ApiError('unauthenticated', 'The Authorization header must be "Bearer <access token>"');
  return match[1];
}

export default fp(
  async (app) => {
    app.decorateRequest('auth', null);
    const verifyAccess = async (token: string, access: Exclude<RouteAccess, 'public'>) => {
      try {
        const verified = await app.tokens.verify(token);
        // In memory, no query: see plugins/revoked-sessions.ts for how the list stays current.
        if (app.revokedSessions.has(verified.sessionId))
          throw new ApiError('unauthenticated', 'This session has ended; sign in again');
        if (access === 'verified' && !verified.emailVerified) {
          throw new ApiError(
            'email_not_verified',
            'Verify your email address first; we can send the link again',
          );
        }
        return verified;
      } catch (error) {
        if (error instanceof AccessTokenError) throw new ApiError(error.code, error.message);
        throw error;
      }
    };
    app.decorate('verifyAccess', verifyAccess);
    app.decorate('authenticate', async (request: FastifyRequest, access: RouteAccess) => {
      if (access === 'public') return;
      const token = bearerToken(request);
      if (!token) throw new ApiError('unauthenticated', 'Sign in first: this needs an access token');
      request.auth = await verifyAccess(token, access);
    });
  },
  { name: 'authenticate', dependencies: ['tokens', 'revoked-sessions'] },
);
