// Runs PGlite's initdb for a new data folder in a short-lived process of its own (see pglite-first-start.ts).
// Plain erasable TypeScript without relative imports, run by Node's own type stripping: no loader needed.
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';

const options = JSON.parse(process.argv[2] ?? '{}') as PGliteOptions;
if (!options.dataDir) throw new Error('usage: pglite-initdb-child <PGlite options as JSON, with dataDir>');
const db = await PGlite.create(options);
await db.close();
