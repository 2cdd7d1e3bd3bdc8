#!/usr/bin/env bash
# `npm test`: every suite of the repository against the real Postgres (127.0.0.1:5432) and Redis
# (127.0.0.1:6379). Runs all suites even when one fails, never skips one silently, exits non-zero on any
# failure, and ends with one line "N passed, N failed" summed over the suites.
#   1. vitest: every project of the root vitest.config.ts (unit and integration tests) on Postgres
#   2. vitest: the storage-sensitive API suites again on embedded PGlite (LIVECHAT_TEST_STORAGE=pglite)
#   3. the web app in headless Chromium (npm run test:e2e -w @livechat/web)
# Settings: VITEST_MAX_WORKERS [2] (test files run in parallel), TEST_REPORT_DIR [.data/test-reports].
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT" || exit 1
# The repo's Node 24 (root devDependency "node") first, as under npm scripts.
export PATH="$ROOT/node_modules/.bin:$PATH"

# API suites whose behaviour depends on the storage engine: they run a second time on PGlite.
PGLITE_SUITES=(
  services/api/test/smoke.integration.test.ts
  services/api/test/auth-session.integration.test.ts
  services/api/test/auth-session-list.integration.test.ts
  services/api/test/auth-password.integration.test.ts
  services/api/test/auth-registration.integration.test.ts
  services/api/test/mail-delivery.integration.test.ts
  services/api/test/users.integration.test.ts
  services/api/test/rooms.integration.test.ts
  services/api/test/rooms-roles.integration.test.ts
  services/api/test/messages.integration.test.ts
  services/api/test/messages-concurrency.integration.test.ts
  services/api/test/messages-unread.integration.test.ts
  services/api/test/messages-send-cost.integration.test.ts
  services/api/test/messages-changes.integration.test.ts
)

REPORT_DIR="$(realpath -m "${TEST_REPORT_DIR:-$ROOT/.data/test-reports}")"
MAX_WORKERS=${VITEST_MAX_WORKERS:-2}
rm -rf "$REPORT_DIR"
mkdir -p "$REPORT_DIR"

fail_early() {
  echo "test-all: $*" >&2
  echo "0 passed, 1 failed"
  exit 1
}

[[ -x $ROOT/node_modules/.bin/node ]] || fail_early "dependencies are not installed: run npm ci first"
[[ $(node -p 'process.versions.node.split(".")[0]') -ge 24 ]] || fail_early "Node 24 expected, found $(node -v)"
reachable() { timeout 3 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null; }
reachable 127.0.0.1 5432 || fail_early "PostgreSQL is not reachable at 127.0.0.1:5432; the integration tests need it running"
reachable 127.0.0.1 6379 || fail_early "Redis is not reachable at 127.0.0.1:6379; the integration tests need it running"

TOTAL_PASSED=0
TOTAL_FAILED=0
SUMMARY=()

# Adds a suite's counts from its vitest JSON report. A suite whose runner failed without a failing test to
# show for it (a crash, a file that does not load, an unhandled error) counts as one failure, so the
# summary line never reads "0 failed" for a red run.
record() {
  local label=$1 status=$2 report=$3 counts passed failed
  if [[ -s $report ]]; then
    counts=$(node -e '
      const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
      const brokenFiles = r.testResults.filter((f) => f.status === "failed" &&
        !f.assertionResults.some((a) => a.status === "failed")).length;
      console.log(r.numPassedTests, r.numFailedTests + brokenFiles);
    ' "$report") || counts="0 0"
  else
    counts="0 0"
  fi
  read -r passed failed <<<"$counts"
  if ((status != 0 && failed == 0)); then failed=1; fi
  if ((status == 0 && failed == 0 && passed == 0)); then
    echo "test-all: $label ran no test" >&2
    failed=1
  fi
  TOTAL_PASSED=$((TOTAL_PASSED + passed))
  TOTAL_FAILED=$((TOTAL_FAILED + failed))
  SUMMARY+=("$(printf '  %-34s %s passed, %s failed (exit %s)' "$label" "$passed" "$failed" "$status")")
}

banner() { printf '\n==== %s ====\n\n' "$1"; }

banner "1/3 vitest, all projects, on Postgres"
vitest run --maxWorkers="$MAX_WORKERS" --reporter=default --reporter=json \
  --outputFile.json="$REPORT_DIR/postgres.json"
record "vitest on Postgres" $? "$REPORT_DIR/postgres.json"

banner "2/3 vitest, storage-sensitive API suites, on PGlite"
LIVECHAT_TEST_STORAGE=pglite vitest run --project api --maxWorkers="$MAX_WORKERS" --reporter=default \
  --reporter=json --outputFile.json="$REPORT_DIR/pglite.json" "${PGLITE_SUITES[@]}"
record "vitest on PGlite" $? "$REPORT_DIR/pglite.json"

banner "3/3 web app in headless Chromium"
if node -e 'process.exit(require("./web/package.json").scripts?.["test:e2e"] ? 0 : 1)'; then
  npm run test:e2e -w @livechat/web -- --reporter=default --reporter=json \
    --outputFile.json="$REPORT_DIR/web-e2e.json"
  record "web e2e (Chromium)" $? "$REPORT_DIR/web-e2e.json"
else
  echo "test-all: web/package.json declares no test:e2e script: the browser suite is missing" >&2
  record "web e2e (Chromium): MISSING" 1 /dev/null
fi

banner "summary"
printf '%s\n' "${SUMMARY[@]}"
echo "reports: $REPORT_DIR"
echo "$TOTAL_PASSED passed, $TOTAL_FAILED failed"
((TOTAL_FAILED == 0))
