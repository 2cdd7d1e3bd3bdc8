import { describeMainFlow } from './support/main-flow';
import { startStandalone } from './support/standalone-server';

/** The journey on `npm start`'s topology: one process, PGlite in a fresh data folder, the dev mailbox. */
describeMainFlow('standalone', startStandalone);
