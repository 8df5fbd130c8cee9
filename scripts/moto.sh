#!/usr/bin/env bash
# moto on demand: start moto_server (Python moto with its Flask server) on 127.0.0.1, stop it.
#
#   scripts/moto.sh start | stop | status | running
#
# MOTO_PORT (default 5000) picks the port, MOTO_HOST (default 127.0.0.1) the address.
# MOTO_TOTP=1 starts the variant that checks TOTP codes (moto's
# MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP=true); without it moto accepts any code.
#
# start prints "started" when it started the server and "already running" when one answers
# already, so callers can stop only what they started. When moto_server is not installed it
# says how to get it and exits 3, apart from every other failure (exit 1).
set -euo pipefail

MOTO_VERSION="5.2.1" # the version CI's image carries and the baselines were written against
HOST="${MOTO_HOST:-127.0.0.1}"
PORT="${MOTO_PORT:-5000}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)/.moto"
PIDFILE="$ROOT/server-$PORT.pid"
LOG="$ROOT/server-$PORT.log"

# moto answers GET /moto-api/ (its dashboard) only when it is moto: anything else on the
# port is not "already running".
. "$(dirname "$0")/server-lib.sh"

healthy() { curl -sf -o /dev/null --max-time 1 "http://$HOST:$PORT/moto-api/"; }

need_moto() {
  if ! command -v moto_server >/dev/null 2>&1; then
    echo "moto_server not found on PATH; install it with: pip install 'moto[server]==$MOTO_VERSION'" >&2
    exit 3
  fi
}

start() {
  if healthy; then echo "already running"; return 0; fi
  need_moto
  mkdir -p "$ROOT"
  local totp=false
  if [ "${MOTO_TOTP:-}" = 1 ]; then totp=true; fi
  # Background moto_server alone, so $! is its pid and stop kills the server.
  MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP="$totp" nohup moto_server -H "$HOST" -p "$PORT" >"$LOG" 2>&1 </dev/null &
  echo $! >"$PIDFILE"
  await moto_server "http://$HOST:$PORT/moto-api/" 150
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) if healthy; then echo "running on http://$HOST:$PORT"; else echo "not running"; exit 1; fi ;;
  running) healthy ;;
  *) echo "usage: $0 start|stop|status|running" >&2; exit 2 ;;
esac
