export { gatewayPlugin, type GatewayPluginOptions } from './gateway-plugin.js';
export {
  GatewayEnv,
  loadGatewayConfig,
  requireClusterSettings,
  allowedOriginList,
  type GatewayConfig,
} from './config.js';
export {
  apiSessionBatches,
  batchingSessionSource,
  type SessionBatchLoader,
  type SessionSource,
} from './session-source.js';
export { httpSessionBatches } from './http-session-source.js';
export type { GatewayServer, GatewaySocket, SocketData } from './socket-types.js';
