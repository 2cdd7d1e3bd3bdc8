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
 * the defaults of a laptop: the dev mailbox on unless a Resend key is set, sockets allowed from the
 * origin people browse to (PUBLIC_URL), and the port, host and logging of the API's configuration.
 */
export function loadStandaloneConfig(
  env: Record<string, string | undefined> = process.env,
): StandaloneConfig {
  const api = loadApiConfig({ DEV_MAILBOX: env.RESEND_API_KEY ? undefined : 'true', ...env });
  const gateway = loadGatewayConfig({
    ...env,
    ALLOWED_ORIGINS: env.ALLOWED_ORIGINS || allowedOrigins(api).join(','),
  });
  return { api, gateway, webDir: env.WEB_DIST_DIR || DEFAULT_WEB_DIR };
}
