export * from './cluster.js';
export * from './database-setup.js';
export * from './free-ports.js';
export * from './readiness.js';
export * from './signing-key-folder.js';
