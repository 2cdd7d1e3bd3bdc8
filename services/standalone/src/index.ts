export { buildStandaloneServer } from './standalone-server.js';
export { loadStandaloneConfig, type StandaloneConfig } from './standalone-config.js';
export { CONTENT_SECURITY_POLICY } from './web-app.js';
