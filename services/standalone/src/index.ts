export { buildStandaloneServer } from './standalone-server.js';
export { loadStandaloneConfig, type StandaloneConfig } from './standalone-config.js';
