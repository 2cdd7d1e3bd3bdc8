/**
 * Settings of every server the browser suite starts. The suite registers, logs in and sends far faster
 * than a person, from one address, so the per-IP and per-account rate limits (tested in the API) are
 * raised. Access tokens live 20 s instead of 15 min, so every tab refreshes its token — over REST and in-band
 * on its socket — several times during the journey, and a lapse anywhere would break it. No load shedding on
 * event-loop lag (tested in the API): beside other suites on a loaded machine a replica's loop lags for
 * reasons that are not the journey's, and a shed request would fail a step about something else.
 */
export const SERVER_TEST_ENV: Record<string, string> = {
  RATE_LIMIT_AUTH_PER_MINUTE: '10000',
  RATE_LIMIT_SEND_PER_10S: '100000',
  ACCESS_TOKEN_TTL_SECONDS: '20',
  ADMISSION_MAX_LOOP_DELAY_MS: '0',
};
