/**
 * Ids in paths are UUIDs in any letter case; Postgres compares them case-blind, but the socket channels
 * built from them (`room:<id>`) are plain strings, so every id is lower-cased before use.
 */
export const canonicalId = (id: string) => id.toLowerCase();
