/**
 * Bumped on any breaking change to a REST body or socket event. The gateway refuses a handshake whose
 * `auth.protocolVersion` differs, so an old tab learns to reload instead of misreading events.
 */
export const PROTOCOL_VERSION = 1;
