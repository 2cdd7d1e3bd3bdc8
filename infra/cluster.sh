#!/usr/bin/env bash
# A LiveChat cluster on bare metal: API ×N and gateway ×M on loopback behind nginx (the repo's nginx.conf),
# against the Postgres and Redis already on the machine — the topology of docker-compose.yml, without Docker.
#
#   bash infra/cluster.sh start     (npm run cluster)       migrate, start everything, wait until ready
#   bash infra/cluster.sh stop      (npm run cluster:stop)  SIGTERM everything recorded, SIGKILL stragglers
#   bash infra/cluster.sh status                            what is recorded and whether it still runs
#   bash infra/cluster.sh env api|gateway                   the environment a replica gets (secrets redacted)
#
# Parameters are environment variables (defaults in brackets):
#   CLUSTER_DIR [.data/cluster]  run folder: processes, logs/, keys/, nginx/ (rendered config, temp files)
#   CLUSTER_HOST [127.0.0.1]     address nginx listens on
#   CLUSTER_PORT [8080]          port nginx listens on: the cluster's one public port
#   API_REPLICAS [2]  GATEWAY_REPLICAS [3]
#   API_BASE_PORT [CLUSTER_PORT+1]  GATEWAY_BASE_PORT [API_BASE_PORT+API_REPLICAS]  replica i listens on base+i-1
#   METRICS_BASE_PORT [GATEWAY_BASE_PORT+GATEWAY_REPLICAS]  internal /metrics listeners on loopback: API
#                                replica i on base+i-1, gateway replica i on base+API_REPLICAS+i-1
#   DATABASE_URL [postgres://postgres@127.0.0.1:5432/livechat]  created if missing, migrated once
#   REDIS_URL [redis://127.0.0.1:6379]  REDIS_PREFIX [livechat]  keys and channels of this cluster
#   PUBLIC_URL [http://localhost:CLUSTER_PORT]  ALLOWED_ORIGINS [origin of PUBLIC_URL]
#   DEV_MAILBOX [true]  LOG_LEVEL [info]
#   WEB_ROOT [web/dist]          built web app nginx serves; the default is built when missing
#   READY_TIMEOUT_SECONDS [90]   bound for every replica and nginx to answer
#   STOP_TIMEOUT_SECONDS [20]    bound for a graceful exit before SIGKILL
#   NGINX [nginx]                the nginx binary (Debian package)
# Any other variable the services read (RATE_LIMIT_*, ACCESS_TOKEN_TTL_SECONDS, SHUTDOWN_GRACE_MS, …) passes
# through to every replica unchanged. Keys are generated once per CLUSTER_DIR and kept.
set -euo pipefail
# Values are paths and URLs: an '&' in them must stay an '&' in ${var//pattern/value} (bash 5.2).
shopt -u patsub_replacement 2>/dev/null || true

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# npm scripts put the repo's Node (the `node` devDependency) first on PATH; do the same when run directly.
export PATH="$REPO/node_modules/.bin:$PATH:/usr/sbin:/sbin"

die() {
  echo "cluster: $*" >&2
  exit 1
}
integer() { [[ ${!1} =~ ^[0-9]+$ ]] || die "$1 must be a whole number (got '${!1}')"; }

CLUSTER_DIR="$(realpath -m "${CLUSTER_DIR:-$REPO/.data/cluster}")"
CLUSTER_HOST=${CLUSTER_HOST:-127.0.0.1}
CLUSTER_PORT=${CLUSTER_PORT:-8080}
API_REPLICAS=${API_REPLICAS:-2}
GATEWAY_REPLICAS=${GATEWAY_REPLICAS:-3}
integer CLUSTER_PORT
integer API_REPLICAS
integer GATEWAY_REPLICAS
API_BASE_PORT=${API_BASE_PORT:-$((CLUSTER_PORT + 1))}
GATEWAY_BASE_PORT=${GATEWAY_BASE_PORT:-$((API_BASE_PORT + API_REPLICAS))}
METRICS_BASE_PORT=${METRICS_BASE_PORT:-$((GATEWAY_BASE_PORT + GATEWAY_REPLICAS))}
integer API_BASE_PORT
integer GATEWAY_BASE_PORT
integer METRICS_BASE_PORT
((API_REPLICAS >= 1 && GATEWAY_REPLICAS >= 1)) || die "API_REPLICAS and GATEWAY_REPLICAS must be at least 1"
DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/livechat}
REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379}
REDIS_PREFIX=${REDIS_PREFIX:-livechat}
PUBLIC_URL=${PUBLIC_URL:-http://localhost:$CLUSTER_PORT}
[[ $PUBLIC_URL =~ ^(https?://[^/]+) ]] || die "PUBLIC_URL must start with http:// or https:// (got '$PUBLIC_URL')"
ALLOWED_ORIGINS=${ALLOWED_ORIGINS:-${BASH_REMATCH[1]}}
DEV_MAILBOX=${DEV_MAILBOX:-true}
LOG_LEVEL=${LOG_LEVEL:-info}
WEB_ROOT="$(realpath -m "${WEB_ROOT:-$REPO/web/dist}")"
READY_TIMEOUT_SECONDS=${READY_TIMEOUT_SECONDS:-90}
STOP_TIMEOUT_SECONDS=${STOP_TIMEOUT_SECONDS:-20}
integer READY_TIMEOUT_SECONDS
integer STOP_TIMEOUT_SECONDS
NGINX=${NGINX:-nginx}

LOG_DIR="$CLUSTER_DIR/logs"
KEY_DIR="$CLUSTER_DIR/keys"
NGINX_DIR="$CLUSTER_DIR/nginx"
# One line per started process: "<role> <name> <pid> <port> [<metrics port>]". Each process leads its own
# process group.
PROCESSES="$CLUSTER_DIR/processes"
# Probes go to loopback even when nginx listens on every address.
PROBE_HOST=$([[ $CLUSTER_HOST == 0.0.0.0 || $CLUSTER_HOST == '*' ]] && echo 127.0.0.1 || echo "$CLUSTER_HOST")

run_ts() { node --import tsx "$@"; }

# Every socket is a file: let nginx and the gateways hold as many as this user may (benchmarks hold thousands).
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

# The environment of API replica $1 (1-based) and gateway replica $1: the same variables docker-compose.yml
# sets (infra/test/compose.test.ts compares them). Gateways ask the API directly, not through nginx (as
# compose's API_URL=http://api:3000 does); gateway i uses API replica ((i-1) mod N)+1 to spread the load.
# Prometheus scrapes each replica on a loopback port of its own; the public port has no /metrics.
api_env() {
  ROLE_ENV=(
    PORT="$((API_BASE_PORT + $1 - 1))" HOST=127.0.0.1
    METRICS_PORT="$((METRICS_BASE_PORT + $1 - 1))" METRICS_HOST=127.0.0.1
    DATABASE_URL="$DATABASE_URL" REDIS_URL="$REDIS_URL" REDIS_PREFIX="$REDIS_PREFIX"
    PUBLIC_URL="$PUBLIC_URL" ALLOWED_ORIGINS="$ALLOWED_ORIGINS"
    JWT_PRIVATE_KEY="$JWT_PRIVATE_KEY" JWT_KEY_ID="$JWT_KEY_ID"
    TRUST_PROXY=127.0.0.1 DEV_MAILBOX="$DEV_MAILBOX" LOG_LEVEL="$LOG_LEVEL"
  )
}
gateway_env() {
  ROLE_ENV=(
    PORT="$((GATEWAY_BASE_PORT + $1 - 1))" HOST=127.0.0.1
    METRICS_PORT="$((METRICS_BASE_PORT + API_REPLICAS + $1 - 1))" METRICS_HOST=127.0.0.1
    REDIS_URL="$REDIS_URL" REDIS_PREFIX="$REDIS_PREFIX"
    API_URL="http://127.0.0.1:$((API_BASE_PORT + ($1 - 1) % API_REPLICAS))"
    JWT_PUBLIC_KEYS="$JWT_PUBLIC_KEYS" ALLOWED_ORIGINS="$ALLOWED_ORIGINS"
    TRUST_PROXY=127.0.0.1 LOG_LEVEL="$LOG_LEVEL"
  )
}

recorded() { [[ -s $PROCESSES ]]; }
group_alive() { kill -0 -- "-$1" 2>/dev/null; }

# Starts a Node service from its workspace folder in a session of its own (so stop can signal its whole
# process group, and no terminal hangup reaches it), logging to logs/<name>.log.
start_node() {
  local role=$1 index=$2 workspace=$3 port metrics_port name="$1-$2"
  "${role}_env" "$index"
  port=${ROLE_ENV[0]#PORT=}
  metrics_port=${ROLE_ENV[2]#METRICS_PORT=}
  (cd "$REPO/$workspace" && exec env "${ROLE_ENV[@]}" setsid node --import tsx src/main.ts) \
    </dev/null >>"$LOG_DIR/$name.log" 2>&1 &
  echo "$role $name $! $port $metrics_port" >>"$PROCESSES"
}

render_nginx() {
  local api_servers='' gateway_servers='' i template
  for ((i = 0; i < API_REPLICAS; i++)); do api_servers+="  server 127.0.0.1:$((API_BASE_PORT + i));"$'\n'; done
  for ((i = 0; i < GATEWAY_REPLICAS; i++)); do
    gateway_servers+="  server 127.0.0.1:$((GATEWAY_BASE_PORT + i));"$'\n'
  done
  mkdir -p "$NGINX_DIR/livechat" "$NGINX_DIR/temp"
  # The routing rules are the repo's file itself; only the environment includes are rendered.
  ln -sfn "$REPO/nginx.conf" "$NGINX_DIR/nginx.conf"
  [[ -f /etc/nginx/mime.types ]] || die "/etc/nginx/mime.types is missing: install nginx (apt-get install -y nginx)"
  ln -sfn /etc/nginx/mime.types "$NGINX_DIR/mime.types"
  template=$(<"$REPO/infra/nginx/cluster/http.conf.template")
  template=${template//@API_SERVERS@/${api_servers%$'\n'}}
  template=${template//@GATEWAY_SERVERS@/${gateway_servers%$'\n'}}
  printf '%s\n' "${template//@LOG_DIR@/$LOG_DIR}" >"$NGINX_DIR/livechat/http.conf"
  template=$(<"$REPO/infra/nginx/cluster/server.conf.template")
  template=${template//@LISTEN@/$CLUSTER_HOST:$CLUSTER_PORT}
  printf '%s\n' "${template//@WEB_ROOT@/$WEB_ROOT}" >"$NGINX_DIR/livechat/server.conf"
}

# nginx in a private prefix: its pid, logs and temp files stay in the run folder, /etc/nginx is only read
# for mime.types. Workers run as whoever starts the cluster, like the Node processes.
nginx_args() {
  local globals="pid $NGINX_DIR/nginx.pid; daemon off;"
  if ((EUID == 0)); then globals+=" user root root;"; fi
  NGINX_ARGS=(-p "$NGINX_DIR/" -c "$NGINX_DIR/nginx.conf" -e "$LOG_DIR/nginx-error.log" -g "$globals")
}

load_keys() {
  run_ts "$REPO/infra/src/cli/generate-keys.ts" "$KEY_DIR" >/dev/null
  JWT_PRIVATE_KEY=$(<"$KEY_DIR/private.pem")
  JWT_KEY_ID=$(<"$KEY_DIR/kid")
  JWT_PUBLIC_KEYS=$(<"$KEY_DIR/jwks.json")
}

ensure_web_root() {
  [[ -f $WEB_ROOT/index.html ]] && return
  [[ $WEB_ROOT == "$REPO/web/dist" ]] || die "WEB_ROOT $WEB_ROOT has no index.html"
  echo "building the web app (npm run build -w @livechat/web) …"
  (cd "$REPO" && npm run build -w @livechat/web) >"$LOG_DIR/web-build.log" 2>&1 ||
    {
      tail -n 30 "$LOG_DIR/web-build.log" >&2
      die "building the web app failed (log: $LOG_DIR/web-build.log)"
    }
}

# Something already answering on a port we are about to use is a clear error now, not a replica crash later.
check_ports_free() {
  local port taken=()
  for port in "$CLUSTER_PORT" $(seq "$API_BASE_PORT" $((API_BASE_PORT + API_REPLICAS - 1))) \
    $(seq "$GATEWAY_BASE_PORT" $((GATEWAY_BASE_PORT + GATEWAY_REPLICAS - 1))) \
    $(seq "$METRICS_BASE_PORT" $((METRICS_BASE_PORT + API_REPLICAS + GATEWAY_REPLICAS - 1))); do
    if timeout 1 bash -c "exec 3<>/dev/tcp/$PROBE_HOST/$port" 2>/dev/null; then taken+=("$port"); fi
  done
  ((${#taken[@]} == 0)) || die "ports already in use: ${taken[*]} (set CLUSTER_PORT, API_BASE_PORT, GATEWAY_BASE_PORT or METRICS_BASE_PORT)"
}

show_log() {
  echo "---- last lines of $1 ----" >&2
  tail -n 40 "$1" >&2 2>/dev/null || echo "(no log)" >&2
}

# Whatever ends a start early (a failed step, die, Ctrl-C) stops what it had started: no half cluster.
on_start_exit() {
  local status=$?
  ((status == 0)) && return
  echo "cluster: start failed; stopping what was started" >&2
  stop_processes >&2 || true
  exit "$status"
}

start() {
  if recorded; then
    local role name pid port
    while read -r role name pid port _; do
      group_alive "$pid" && die "a cluster already runs from $CLUSTER_DIR ($name, pid $pid): stop it first"
    done <"$PROCESSES"
    rm -f "$PROCESSES"
  fi
  command -v "$NGINX" >/dev/null || die "nginx not found: install it (apt-get install -y nginx) or set NGINX"
  check_ports_free
  mkdir -p "$LOG_DIR"
  ensure_web_root
  load_keys

  echo "preparing the database and migrating once …"
  DATABASE_URL="$DATABASE_URL" run_ts "$REPO/infra/src/cli/ensure-database.ts"
  (cd "$REPO/services/api" && DATABASE_URL="$DATABASE_URL" LOG_LEVEL="$LOG_LEVEL" run_ts src/migrate-cli.ts) \
    >"$LOG_DIR/migrate.log" 2>&1 || {
    show_log "$LOG_DIR/migrate.log"
    die "migrations failed"
  }

  render_nginx
  nginx_args
  "$NGINX" -t -q "${NGINX_ARGS[@]}" || die "nginx rejected its configuration ($NGINX_DIR)"

  trap on_start_exit EXIT
  trap 'exit 130' INT TERM
  local i
  for ((i = 1; i <= API_REPLICAS; i++)); do start_node api "$i" services/api; done
  for ((i = 1; i <= GATEWAY_REPLICAS; i++)); do start_node gateway "$i" services/gateway; done
  setsid "$NGINX" "${NGINX_ARGS[@]}" </dev/null >>"$LOG_DIR/nginx-error.log" 2>&1 &
  echo "nginx nginx $! $CLUSTER_PORT" >>"$PROCESSES"

  echo "waiting for $API_REPLICAS API and $GATEWAY_REPLICAS gateway replicas and nginx (up to ${READY_TIMEOUT_SECONDS}s) …"
  local targets=() role name pid port path
  while read -r role name pid port _; do
    path=/readyz
    [[ $role == nginx ]] && path=/healthz
    targets+=("$name,$pid,http://$PROBE_HOST:$port$path")
  done <"$PROCESSES"
  local report
  if ! report=$(run_ts "$REPO/infra/src/cli/wait-until-ready.ts" "$READY_TIMEOUT_SECONDS" "${targets[@]}"); then
    local reason
    while read -r _ name reason; do
      if [[ $reason == exited ]]; then
        echo "cluster: $name exited before it was ready" >&2
      else
        echo "cluster: $name did not become ready within ${READY_TIMEOUT_SECONDS}s (last answer: $reason)" >&2
      fi
      if [[ $name == nginx ]]; then show_log "$LOG_DIR/nginx-error.log"; else show_log "$LOG_DIR/$name.log"; fi
    done <<<"$report"
    exit 1
  fi

  echo "LiveChat cluster ready: $PUBLIC_URL (nginx on $CLUSTER_HOST:$CLUSTER_PORT)"
  echo "  api ×$API_REPLICAS on 127.0.0.1:$API_BASE_PORT+, gateway ×$GATEWAY_REPLICAS on 127.0.0.1:$GATEWAY_BASE_PORT+"
  echo "  metrics: http://127.0.0.1:$METRICS_BASE_PORT/metrics and the next $((API_REPLICAS + GATEWAY_REPLICAS - 1)) ports"
  [[ $DEV_MAILBOX == true ]] && echo "  mail: $PUBLIC_URL/api/dev/mailbox"
  echo "  logs: $LOG_DIR"
  if [[ $CLUSTER_DIR == "$REPO/.data/cluster" ]]; then
    echo "  stop: npm run cluster:stop"
  else
    echo "  stop: CLUSTER_DIR=$CLUSTER_DIR npm run cluster:stop"
  fi
}

# SIGTERM to every recorded process group at once (nginx first, then gateways, then APIs), then SIGKILL to
# whatever outlives STOP_TIMEOUT_SECONDS.
stop_processes() {
  recorded || return 0
  local lines=() line role name pid port
  mapfile -t lines < <(tac "$PROCESSES")
  for line in "${lines[@]}"; do
    read -r role name pid port _ <<<"$line"
    kill -TERM -- "-$pid" 2>/dev/null || true
  done
  local deadline=$((SECONDS + STOP_TIMEOUT_SECONDS)) alive
  while :; do
    alive=0
    for line in "${lines[@]}"; do
      read -r role name pid port _ <<<"$line"
      group_alive "$pid" && alive=$((alive + 1))
    done
    ((alive == 0 || SECONDS >= deadline)) && break
    sleep 0.2
  done
  for line in "${lines[@]}"; do
    read -r role name pid port _ <<<"$line"
    if group_alive "$pid"; then
      echo "cluster: $name (pid $pid) outlived ${STOP_TIMEOUT_SECONDS}s; killing it" >&2
      kill -KILL -- "-$pid" 2>/dev/null || true
    fi
  done
  rm -f "$PROCESSES"
}

stop() {
  if ! recorded; then
    echo "no cluster recorded in $CLUSTER_DIR"
    return
  fi
  local count
  count=$(wc -l <"$PROCESSES")
  stop_processes
  echo "stopped the cluster in $CLUSTER_DIR ($count processes)"
}

status() {
  if ! recorded; then
    echo "no cluster recorded in $CLUSTER_DIR"
    return 1
  fi
  local role name pid port metrics down=0
  while read -r role name pid port metrics; do
    if group_alive "$pid"; then
      echo "running  $name  pid $pid  port $port${metrics:+  metrics $metrics}"
    else
      echo "exited   $name  pid $pid  port $port${metrics:+  metrics $metrics}"
      down=1
    fi
  done <"$PROCESSES"
  return "$down"
}

print_env() {
  [[ ${1:-} == api || ${1:-} == gateway ]] || die "usage: cluster.sh env api|gateway"
  JWT_PRIVATE_KEY='<redacted>' JWT_KEY_ID='<keys/kid>' JWT_PUBLIC_KEYS='<keys/jwks.json>'
  if [[ -s $KEY_DIR/kid ]]; then
    JWT_KEY_ID=$(<"$KEY_DIR/kid")
    JWT_PUBLIC_KEYS=$(<"$KEY_DIR/jwks.json")
  fi
  "${1}_env" 1
  printf '%s\n' "${ROLE_ENV[@]}"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  env) print_env "${2:-}" ;;
  *)
    echo "usage: bash infra/cluster.sh start|stop|status|env <api|gateway>  (parameters: see the top of this file)" >&2
    exit 2
    ;;
esac
