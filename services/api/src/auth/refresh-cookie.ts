import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CookieSerializeOptions } from '@fastify/cookie';
import {
  REFRESH_COOKIE,
  REFRESH_COOKIE_PATH,
  SECURE_REFRESH_COOKIE,
  SESSION_MARKER_COOKIE,
} from '@livechat/protocol';
import { servedOverHttps, type ApiConfig } from '../config.js';
import { parseOpaqueToken } from './opaque-token.js';

/**
 * HttpOnly (scripts never see it), SameSite=Strict (never sent by another site's request), scoped to the
 * auth routes (never sent with ordinary API calls), Secure whenever the app is served over https — plain
 * http only on a laptop, where browsers would drop a Secure cookie.
 */
function cookieOptions(config: ApiConfig): CookieSerializeOptions {
  return { path: REFRESH_COOKIE_PATH, httpOnly: true, sameSite: 'strict', secure: servedOverHttps(config) };
}

/**
 * `__Secure-lc_refresh` over https, `lc_refresh` over http (a laptop, where a Secure cookie would be
 * dropped). Only the configured name is read: accepting the unprefixed one over https too would let a
 * planted cookie through and undo what the prefix is for.
 */
export const refreshCookieName = (config: ApiConfig) =>
  servedOverHttps(config) ? SECURE_REFRESH_COOKIE : REFRESH_COOKIE;

/**
 * The session marker: the same lifetime and site rules, but readable by the page (it holds no secret —
 * only "there is a refresh cookie to try") and at every path, where the page's scripts can see it.
 */
function markerOptions(config: ApiConfig): CookieSerializeOptions {
  return { ...cookieOptions(config), path: '/', httpOnly: false };
}

/** Sets the refresh cookie and, beside it, the session marker the web app boots by. */
export function setRefreshCookie(reply: FastifyReply, token: string, config: ApiConfig): void {
  const maxAge = config.REFRESH_TOKEN_TTL_SECONDS;
  void reply.setCookie(refreshCookieName(config), token, { ...cookieOptions(config), maxAge });
  void reply.setCookie(SESSION_MARKER_COOKIE, '1', { ...markerOptions(config), maxAge });
}

export function clearRefreshCookie(reply: FastifyReply, config: ApiConfig): void {
  void reply.clearCookie(refreshCookieName(config), cookieOptions(config));
  void reply.clearCookie(SESSION_MARKER_COOKIE, markerOptions(config));
}

/** The refresh token the request carries, or null when it has none or one that cannot be ours. */
export const readRefreshCookie = (request: FastifyRequest, config: ApiConfig): string | null =>
  parseOpaqueToken(request.cookies[refreshCookieName(config)]);
