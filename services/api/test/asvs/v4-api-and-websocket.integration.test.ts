import { describe, expect, it } from 'vitest';
import {
  connectReady,
  openSocket,
  refusalOf,
  type TestSocket,
} from '../../../gateway/test/support/socket-client.js';
import { PROTOCOL_VERSION } from '@livechat/protocol';
import { buildUser, DEFAULT_PASSWORD } from '../support/factories.js';
import { failLogins, LOGIN_LIMIT_ENV } from './support/accounts.js';
import { answerSamples } from './support/answer-samples.js';
import { useAsvsDeployment } from './support/asvs-deployment.js';
import { callOverHttp, signIn } from './support/http-client.js';
import { variantToken } from './support/forged-tokens.js';

/** ASVS 5.0 V4 API and Web Service, level 2: response typing, proxy headers, and the WebSocket handshake. */
describe('ASVS V4 API and WebSocket', () => {
  // No TRUST_PROXY: the API is reached directly, so nothing a client sends names its address.
  const { api, gatewayUrl, track } = useAsvsDeployment({ env: LOGIN_LIMIT_ENV, gateway: true });

  it('V4.1.1 every answer with a body names its media type with charset=utf-8', async () => {
    const samples = await answerSamples(api(), await buildUser(api().app));
    for (const [kind, answer] of samples) {
      expect([kind, answer.headers.get('content-type')]).toEqual([
        kind,
        expect.stringMatching(/^(application\/json|application\/problem\+json|text\/html); charset=utf-8$/),
      ]);
    }
  });

  it('V4.1.3 X-Forwarded-For from a client is not believed: a new address per guess does not escape the limit', async () => {
    const user = await buildUser(api().app);
    const spoofed = (attempt: number) => ({ 'x-forwarded-for': `203.0.113.${attempt + 1}` });
    expect(await failLogins(api(), user.email, 4, spoofed)).toEqual([401, 401, 401, 429]);
    const again = await callOverHttp(api(), 'login', {
      body: { email: user.email, password: DEFAULT_PASSWORD },
      headers: { 'x-forwarded-for': '198.51.100.99' },
    });
    expect(again.status).toBe(429);
  });

  it('V4.4.2 the WebSocket handshake checks Origin against the allowlist', async () => {
    const user = await buildUser(api().app);
    for (const origin of ['https://evil.example', null]) {
      const refusal = await refusalOf(track(openSocket(gatewayUrl(), user.token, { origin })));
      expect([origin, refusal.code]).toEqual([origin, 'origin_not_allowed']);
    }
    expect(track(await connectReady(gatewayUrl(), user.token)).connected).toBe(true);
  });

  it('V4.4.4 the socket is opened with the access token of the signed-in HTTPS session, and with nothing else', async () => {
    const user = await buildUser(api().app);
    const session = await signIn(api(), user.email);
    // Each refusal is listened for as its socket opens: a socket refused while the test was still
    // opening the next one (or minting a token) must not be missed (it was, now and then, on a busy CI).
    const refused = (socket: TestSocket) => refusalOf(track(socket)).then((refusal) => refusal.code);
    const expired = await variantToken(api(), user, { expiresIn: -60 });
    const codes = await Promise.all([
      refused(openSocket(gatewayUrl(), '', { auth: { protocolVersion: PROTOCOL_VERSION } })),
      refused(openSocket(gatewayUrl(), session.refreshToken)),
      refused(openSocket(gatewayUrl(), expired)),
    ]);
    expect(codes).toEqual(['unauthenticated', 'unauthenticated', 'token_expired']);
    expect(track(await connectReady(gatewayUrl(), session.accessToken)).connected).toBe(true);
  });
});
