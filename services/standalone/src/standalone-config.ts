import { fileURLToPath } from 'node:url';
import { allowedOrigins, loadApiConfig, type ApiConfig } from '@livechat/api';
import { loadGatewayConfig, type GatewayConfig } from '@livechat/gateway';

export interface StandaloneConfig {
  api: ApiConfig;
  gateway: GatewayConfig;
  /** The built web app (`npm run build -w @livechat/web`). */
  webDir: string;
}

const DEFAULT_WEB_DIR = fileURLToPath(new URL('../../../web/dist', import.meta.url));

/**
 * The standalone process reads the API's variables and the gateway's (both schemas validate them), with
 * the defaults of a laptop: the dev mailbox on unless a Resend key is set; without PUBLIC_URL, the app is
 * at http://localhost:PORT and pages from there or from 127.0.0.1:PORT may open sockets and refresh;
 * no load shedding (see below); the port, host and logging are the API's.
 */
export function loadStandaloneConfig(
  env: Record<string, string | undefined> = process.env,
): StandaloneConfig {
  const port = env.PORT || '3000';
  const api = loadApiConfig({
    DEV_MAILBOX: env.RESEND_API_KEY ? undefined : 'true',
    // Embedded PGlite runs its queries on this very event loop: a long one is a lag that shedding would
    // answer with 503s to the only person using the laptop. Shedding is for a cluster's API replicas.
    ADMISSION_MAX_LOOP_DELAY_MS: '0',
    PUBLIC_URL: `http://localhost:${port}`,
    ...(env.PUBLIC_URL ? {} : { ALLOWED_ORIGINS: `http://localhost:${port},http://127.0.0.1:${port}` }),
    ...withoutEmpty(env),
  });
  const gateway = loadGatewayConfig({ ...env, ALLOWED_ORIGINS: allowedOrigins(api).join(',') });
  return { api, gateway, webDir: env.WEB_DIST_DIR || DEFAULT_WEB_DIR };
}

/** An empty variable means unset, as readEnv reads it; it must not hide the defaults above. */
const withoutEmpty = (env: Record<string, string | undefined>) =>
  Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
