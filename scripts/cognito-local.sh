#!/usr/bin/env bash
# cognito-local on demand: install the pinned npm package into .cognito-local/ (git-ignored),
# start it on 127.0.0.1 with a data folder of its own, stop it.
#
#   scripts/cognito-local.sh install | start | stop | status | running
#
# start prints "started" when it started the server and "already running" when one answers
# already, so callers can stop only what they started.
set -euo pipefail

VERSION="${COGNITO_LOCAL_VERSION:-5.3.0}"
HOST="${COGNITO_LOCAL_HOST:-127.0.0.1}"
PORT="${COGNITO_LOCAL_PORT:-9229}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)/.cognito-local"
BIN="$ROOT/node_modules/.bin/cognito-local"
DATA="$ROOT/data"
PIDFILE="$ROOT/server.pid"
LOG="$ROOT/server.log"

. "$(dirname "$0")/server-lib.sh"

healthy() { curl -sf -o /dev/null --max-time 1 "http://$HOST:$PORT/health"; }

install() {
  if [ -x "$BIN" ] && grep -q "\"version\": \"$VERSION\"" "$ROOT/node_modules/cognito-local/package.json" 2>/dev/null; then
    return 0
  fi
  mkdir -p "$ROOT"
  [ -f "$ROOT/package.json" ] || echo '{"name":"cogconf-cognito-local","private":true}' > "$ROOT/package.json"
  echo "installing cognito-local@$VERSION into $ROOT" >&2
  npm install --prefix "$ROOT" --no-audit --no-fund --loglevel=error "cognito-local@$VERSION" >&2
}

start() {
  if healthy; then echo "already running"; return 0; fi
  install
  # A fresh data folder each start: no pools left over from an earlier run.
  rm -rf "$DATA"
  mkdir -p "$DATA/.cognito"
  echo '{}' > "$DATA/.cognito/config.json"
  # cd first, then background node alone, so $! is node's pid and stop kills the server.
  (cd "$DATA"; HOST="$HOST" PORT="$PORT" nohup "$BIN" >"$LOG" 2>&1 </dev/null & echo $! >"$PIDFILE")
  await cognito-local "http://$HOST:$PORT/health" 100
}

case "${1:-}" in
  install) install ;;
  start) start ;;
  stop) stop ;;
  status) if healthy; then echo "running on http://$HOST:$PORT"; else echo "not running"; exit 1; fi ;;
  running) healthy ;;
  *) echo "usage: $0 install|start|stop|status" >&2; exit 2 ;;
esac
