#!/usr/bin/env bash
# A/B of builds in the same hour, on a database bench/run.sh has seeded: each build in turn is started, sends views for
# WARMUP seconds, then is measured for DURATION seconds; pgbench then runs PGBENCH_SCRIPT for as long. ROUNDS rounds.
#   PGHOST=127.0.0.1 PGUSER=postgres BENCH_DB=mysay_ab CHILDREN=2000 VIEWS=20000 bench/run.sh   (keeps the database
#   and prints its work directory)
#   bench/ab.sh /tmp/mysay-bench.XXXX before=/tmp/jar-a after=target/quarkus-app
# Each build is a quarkus-app directory (copy target/quarkus-app aside before rebuilding). The senders' tokens come
# from the work directory and last 3 hours (the app is run with bench/run.sh's token lifetimes, which it checks). A build with a migration the database does not have yet applies it, and then an
# older build refuses to start (Flyway): put the older builds first. Settings: CLIENTS (16), WARMUP (40), DURATION
# (20), ROUNDS (1), PGBENCH_SCRIPT (bench/send.pgbench), JVM_OPTS (as bench/run.sh's).
# One line per run: requests (or transactions) a second, p95, and CPU milliseconds per sending for the app and for
# PostgreSQL, read from /proc as bench/run.sh does.
set -euo pipefail
# The jar is built for Java 25: the JDK that JAVA_HOME names comes first.
[ -n "${JAVA_HOME:-}" ] && export PATH="$JAVA_HOME/bin:$PATH"
cd "$(dirname "$0")/.."
work=$1; shift
export PGDATABASE=${BENCH_DB:-mysay_bench_run}
CLIENTS=${CLIENTS:-16} WARMUP=${WARMUP:-40} DURATION=${DURATION:-20} ROUNDS=${ROUNDS:-1}
PGBENCH_SCRIPT=${PGBENCH_SCRIPT:-bench/send.pgbench}
JVM_OPTS=${JVM_OPTS:-"-XX:+UseParallelGC -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20 -XX:GCTimeRatio=4 -XX:AdaptiveSizePolicyWeight=90 -XX:+ExitOnOutOfMemoryError -Xmx666m"}
hz=$(getconf CLK_TCK)
pg_pid=$(head -1 "$(psql -XAtc 'show data_directory')/postmaster.pid")
ticks() { # CPU ticks so far of PostgreSQL ("pg": the postmaster and its children, live or exited) or of one process
  local total=0 f line rest pid
  for f in /proc/[0-9]*/stat; do
    { read -r line < "$f"; } 2>/dev/null || continue
    pid=${line%% *}; rest=${line##*) }
    # shellcheck disable=SC2086
    set -- $rest
    if { [ "$target" = pg ] && { [ "$pid" = "$pg_pid" ] || [ "$2" = "$pg_pid" ]; }; } || [ "$pid" = "$target" ]; then
      total=$((total + ${12} + ${13} + ${14} + ${15}))
    fi
  done
  echo "$total"
}
per() { awk -v t="$1" -v n="$2" -v hz="$hz" 'BEGIN { if (n > 0) printf "%.2f", t * 1000 / hz / n; else print "n/a" }'; }
field() { echo "$1" | tr ' ' '\n' | awk -F= -v k="$2" '$1 == k {print $2}'; }
app_pid=
trap '[ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null; true' EXIT
hex() { openssl rand -hex "$1"; }
pgb_vars="-D senders=$(wc -l < "$work/senders.txt") -D gt=$(hex 209) -D wo=$(hex 181) -D wi=$(hex 165) -D qu=$(hex 100) -D ww=$(hex 54)"

for round in $(seq 1 "$ROUNDS"); do
  for build in "$@"; do
    label=${build%%=*}; dir=${build#*=}
    # shellcheck disable=SC2086
    MYSAY_JWT_PRIVATE_KEY_LOCATION=$work/secrets/jwt-private.pem MYSAY_JWT_PUBLIC_KEY_LOCATION=$work/secrets/jwt-public.pem \
    MYSAY_ENCRYPTION_KEYSET_LOCATION=$work/secrets/keyset.json MYSAY_SECOND_FACTOR_REQUIRED=false \
    MYSAY_BOOTSTRAP_MANAGER_EMAIL=bench.manager@mysay.bench MYSAY_BOOTSTRAP_MANAGER_PASSWORD=bench-password-1 \
    java $JVM_OPTS -Dmysay.notifications.every=off -Dmysay.encryption.reencrypt-every=off \
      -Dmysay.jwt.child-lifetime=3H -Dmysay.jwt.staff-lifetime=3H -jar "$dir/quarkus-run.jar" > "$work/ab-$label.log" 2>&1 &
    app_pid=$!
    for _ in $(seq 1 600); do
      [ "$(curl -s -o /dev/null -w '%{http_code}' localhost:9000/q/health/ready)" = 200 ] && break
      kill -0 "$app_pid" 2>/dev/null || { tail -20 "$work/ab-$label.log" >&2; exit 1; }
      sleep 0.1
    done
    wrk -t2 -c"$CLIENTS" -d"${WARMUP}s" --timeout 10s -s bench/send.lua http://localhost:8080 -- "$work/senders.txt" 2 \
      "ab-warm-$label-$round-$$" > /dev/null
    a0=$(target=$app_pid ticks); p0=$(target=pg ticks)
    w=$(wrk -t2 -c"$CLIENTS" -d"${DURATION}s" --timeout 10s -s bench/send.lua http://localhost:8080 -- \
      "$work/senders.txt" 2 "ab-$label-$round-$$" | grep '^RESULT' | sed 's/^RESULT //')
    a1=$(target=$app_pid ticks); p1=$(target=pg ticks)
    kill "$app_pid"; wait "$app_pid" 2>/dev/null || true; app_pid=
    n=$(field "$w" requests)
    echo "round $round, $label: $(field "$w" rps) sendings/s, p95 $(field "$w" p95_ms) ms, non-2xx $(field "$w" non2xx)," \
      "CPU per sending: app $(per $((a1 - a0)) "$n") ms, PostgreSQL $(per $((p1 - p0)) "$n") ms; load $(cut -d' ' -f1 /proc/loadavg)"
  done
  p0=$(target=pg ticks)
  # shellcheck disable=SC2086
  out=$(pgbench -n -M prepared -c"$CLIENTS" -j2 -T"$DURATION" -f "$PGBENCH_SCRIPT" $pgb_vars 2>&1)
  p1=$(target=pg ticks)
  n=$(echo "$out" | awk '/number of transactions actually processed/ {print $NF}')
  echo "round $round, pgbench $PGBENCH_SCRIPT: $(echo "$out" | awk '/^tps/ {printf "%.1f", $3; exit}') transactions/s," \
    "latency $(echo "$out" | awk '/latency average/ {print $4; exit}') ms average," \
    "CPU per transaction: PostgreSQL $(per $((p1 - p0)) "$n") ms; load $(cut -d' ' -f1 /proc/loadavg)"
done
