// Test support shared with other workspaces' tests (gateway, client, standalone): `@livechat/api/testing`.
export * from './test-database.js';
export * from './test-api.js';
export * from './factories.js';
export * from './private-redis.js';
export * from './session-route-answers.js';
