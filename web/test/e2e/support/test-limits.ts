/**
 * Limits for a server under test: the suite registers, logs in and sends far faster than a person, from one
 * address, so the per-IP and per-account rate limits (which have tests of their own in the API) are raised.
 */
export const TEST_LIMITS: Record<string, string> = {
  RATE_LIMIT_AUTH_PER_MINUTE: '10000',
  RATE_LIMIT_SEND_PER_10S: '100000',
};
