import { Type, type Static } from 'typebox';
import { Id, Timestamp } from './common.js';
import { nameText } from './text.js';

export const Email = Type.String({ format: 'email', minLength: 3, maxLength: 254 });
export const Password = Type.String({ minLength: 8, maxLength: 256, description: '8 to 256 characters' });
export const DisplayName = nameText(1, 64, 'Shown to other people; 1 to 64 characters');
/** Email verification and password reset tokens as they travel in links (base64url, 32 random bytes). */
export const EmailToken = Type.String({ minLength: 20, maxLength: 128, pattern: '^[A-Za-z0-9_-]+$' });

export const RegisterBody = Type.Object(
  { email: Email, password: Password, displayName: DisplayName },
  { additionalProperties: false },
);
export type RegisterBody = Static<typeof RegisterBody>;

export const LoginBody = Type.Object(
  { email: Email, password: Type.String({ minLength: 1, maxLength: 256 }) },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBody>;

export const EmailBody = Type.Object({ email: Email }, { additionalProperties: false });
export type EmailBody = Static<typeof EmailBody>;

export const VerifyEmailBody = Type.Object({ token: EmailToken }, { additionalProperties: false });
export type VerifyEmailBody = Static<typeof VerifyEmailBody>;

export const ResetPasswordBody = Type.Object(
  { token: EmailToken, password: Password },
  { additionalProperties: false },
);
export type ResetPasswordBody = Static<typeof ResetPasswordBody>;

export const ChangePasswordBody = Type.Object(
  { currentPassword: Type.String({ minLength: 1, maxLength: 256 }), newPassword: Password },
  { additionalProperties: false },
);
export type ChangePasswordBody = Static<typeof ChangePasswordBody>;

export const LogoutBody = Type.Object(
  { everywhere: Type.Optional(Type.Boolean({ description: 'Revoke every session of this account' })) },
  { additionalProperties: false },
);
export type LogoutBody = Static<typeof LogoutBody>;

/** Answer of register, forgot-password and resend-verification: identical whether or not the email exists. */
export const Accepted = Type.Object({ status: Type.Literal('accepted'), message: Type.String() });
export type Accepted = Static<typeof Accepted>;

export const SessionUser = Type.Object({
  id: Id,
  email: Type.String(),
  displayName: Type.String(),
  emailVerified: Type.Boolean(),
  createdAt: Timestamp,
});
export type SessionUser = Static<typeof SessionUser>;

/** Login and refresh answer with a short-lived access token; the refresh token travels only in its cookie. */
export const TokenResponse = Type.Object({
  accessToken: Type.String(),
  expiresAt: Timestamp,
  user: SessionUser,
});
export type TokenResponse = Static<typeof TokenResponse>;

/** JWT header `typ` of access tokens: a refresh or email token can never pass as one. */
export const ACCESS_TOKEN_TYPE = 'livechat-access+jwt';
export const TOKEN_ISSUER = 'livechat-api';
export const TOKEN_AUDIENCE = 'livechat';
/**
 * RS256, 2048-bit keys: tokens are verified far more often than signed (every connect on a gateway, every
 * new token on the API), and RSA verification is the cheapest asymmetric check — 56 µs here against
 * Ed25519's 289 µs and P-256's 172 µs (node:crypto one-shot, this 2-core machine under load; issue 7).
 */
export const TOKEN_ALGORITHM = 'RS256';

/** Claims of an access token. `sid` is the refresh-token family, so a revoked session can be told apart. */
export interface AccessTokenClaims {
  sub: string;
  sid: string;
  /** Whether the email was verified when the token was issued. */
  ev: boolean;
  /**
   * The display name when the token was issued: the gateway shows it in typing indicators without asking
   * the API. A rename reaches them with the next token (login, refresh).
   */
  name: string;
  iat: number;
  exp: number;
}

/** Name and path of the refresh cookie (HttpOnly, SameSite=Strict, scoped to the auth routes) over http. */
export const REFRESH_COOKIE = 'lc_refresh';
/**
 * Its name when the app is served over https (ASVS 3.3.1/3.3.3): browsers keep a `__Secure-` cookie only
 * if it was set with Secure from an https page, so nobody on plain http (or a sibling subdomain over http)
 * can plant or overwrite it. Not `__Host-`, which demands Path=/: the cookie stays scoped to /api/auth.
 */
export const SECURE_REFRESH_COOKIE = `__Secure-${REFRESH_COOKIE}`;
export const REFRESH_COOKIE_PATH = '/api/auth';

/**
 * A cookie that only says "this browser holds a refresh cookie" (value `1`, no secret), readable by the
 * page at every path: set and cleared with the refresh cookie, so a page load without it skips the
 * refresh that could only fail (a visitor who never signed in makes no failing request).
 */
export const SESSION_MARKER_COOKIE = 'lc_session';
