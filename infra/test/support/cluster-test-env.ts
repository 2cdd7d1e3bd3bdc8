/**
 * Settings of every cluster the infra suites start: the dev mailbox on, and no load shedding on event-loop
 * lag — the suites run beside others on a loaded machine, where a replica's loop lags for reasons that are
 * not the cluster's own load, and a shed request would fail a test about something else. Shedding is
 * tested on its own (services/api/test/admission.integration.test.ts).
 */
export const CLUSTER_TEST_ENV: Record<string, string> = {
  DEV_MAILBOX: 'true',
  ADMISSION_MAX_LOOP_DELAY_MS: '0',
};
