export * from './keys.js';
export * from './access-token.js';
