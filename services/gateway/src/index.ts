export { gatewayPlugin, type GatewayPluginOptions } from './gateway-plugin.js';
export {
  GatewayEnv,
  loadGatewayConfig,
  requireClusterSettings,
  allowedOriginList,
  type GatewayConfig,
} from './config.js';
export { apiSessionSource, type SessionSource } from './session-source.js';
export { httpSessionSource } from './http-session-source.js';
export type { GatewayServer, GatewaySocket, SocketData } from './socket-types.js';
