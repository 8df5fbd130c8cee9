# Shared by scripts/cognito-local.sh and scripts/moto.sh (sourced): waiting for a server this
# script started, and stopping only that server. The caller sets PIDFILE and LOG and defines
# healthy().

# await NAME URL TENTHS: wait until healthy answers (print "started"), or give up after TENTHS
# tenths of a second or when the process died, printing its log.
await() {
  local name="$1" url="$2" tenths="$3"
  for _ in $(seq 1 "$tenths"); do
    if healthy; then echo "started"; return 0; fi
    if ! kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then break; fi
    sleep 0.1
  done
  echo "$name did not answer on $url within $((tenths / 10)) s; log:" >&2
  cat "$LOG" >&2 || true
  stop >/dev/null 2>&1 || true
  return 1
}

stop() {
  if [ -f "$PIDFILE" ]; then
    kill "$(cat "$PIDFILE")" 2>/dev/null || true
    rm -f "$PIDFILE"
    echo "stopped"
  fi
}
