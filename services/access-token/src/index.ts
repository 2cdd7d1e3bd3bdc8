export * from './keys.js';
export * from './access-token.js';
export * from './verified-token-cache.js';
