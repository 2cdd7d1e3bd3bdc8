import type { PGliteOptions } from '@electric-sql/pglite';

/**
 * Server settings for the embedded database. PostgreSQL's default 128 MB of shared buffers is sized for a
 * server; a laptop's chat history fits in far less, and in WebAssembly the buffers are resident memory of
 * this process for as long as it runs (the WebAssembly heap never shrinks).
 */
export const PGLITE_SETTINGS = ['shared_buffers=32MB'] as const;

/** The PGlite options every opener of a data folder uses (server, first-start child). */
export const pgliteOptions = (dataDir: string | undefined): PGliteOptions => ({
  dataDir,
  postgresqlconf: [...PGLITE_SETTINGS],
});
