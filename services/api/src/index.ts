export { apiPlugin } from './app.js';
export { buildApiServer } from './api-server.js';
export { bootApi, type BootedApi } from './boot.js';
export { loadApiConfig, allowedOrigins, servedOverHttps, ApiEnv, type ApiConfig } from './config.js';
export type { ApiDependencies } from './context.js';
