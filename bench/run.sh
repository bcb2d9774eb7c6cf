#!/usr/bin/env bash
# MySay service benchmark: one command. See docs/performance.md, "Service performance".
#   bench/run.sh                    100,000 children and 1,000,000 views; results in bench/results/<date>.md
#   CHILDREN=2000 VIEWS=20000 DURATION=5 bench/run.sh     a quick try
# Database: the PG* variables if PGHOST is set (a database BENCH_DB, default mysay_bench_run, is dropped and
# created there); otherwise it runs itself under pg_virtualenv (a throwaway cluster with max_connections=300).
# Settings: CHILDREN, VIEWS, FAMILIES (the measured chair's caseload, 40), SENDERS (256), CLIENTS ("16 64 256"),
# DURATION (seconds per wrk or pgbench run, 20), PAGE_DURATION (15), WARMUP (seconds of sending before measuring, 90),
# PGBENCH_MAX_CLIENTS (max_connections allows),
# BUILD=1 (rebuild the jar), JVM_OPTS (the JVM's options; by default those the container image's run-java.sh gives it
# in a pod with the manifests' 1 GiB memory limit), APP_OPTS (more JVM options, for trying a setting), QUIET_LOAD (1.0)
# and QUIET_WAIT (seconds to wait for it, 1200), OUT (results file).
# Needs: java 25 (JAVA_HOME pointing at it where the default java is older), wrk, pgbench/psql, python3, openssl, curl, gzip; jfr (JDK) for the profile.
set -euo pipefail
# The jar is built for Java 25: the JDK that JAVA_HOME names comes first.
[ -n "${JAVA_HOME:-}" ] && export PATH="$JAVA_HOME/bin:$PATH"
cd "$(dirname "$0")/.."
if [ -z "${PGHOST:-}" ] && [ -z "${MYSAY_BENCH_IN_VENV:-}" ]; then
  exec env MYSAY_BENCH_IN_VENV=1 PGBENCH_MAX_CLIENTS=${PGBENCH_MAX_CLIENTS:-256} \
    pg_virtualenv -o max_connections=300 -o shared_buffers=256MB \
    -o shared_preload_libraries=pg_stat_statements -o pg_stat_statements.track=all -- "$0" "$@"
fi
CHILDREN=${CHILDREN:-100000} VIEWS=${VIEWS:-1000000} FAMILIES=${FAMILIES:-40} SENDERS=${SENDERS:-256}
CLIENTS=${CLIENTS:-"16 64 256"} DURATION=${DURATION:-20} PAGE_DURATION=${PAGE_DURATION:-15} WARMUP=${WARMUP:-90}
QUIET_LOAD=${QUIET_LOAD:-1.0} QUIET_WAIT=${QUIET_WAIT:-1200}
# deploy/Dockerfile.jvm runs the app with /opt/jboss/container/java/run/run-java.sh, whose defaults are these (the heap
# at JAVA_MAX_MEM_RATIO=65% of the container's memory, from the base kustomization: the base manifests give 1 GiB, so
# 666 MB; runs F to I had 512 MB, half of it). Measure the JVM as it is deployed.
JVM_OPTS=${JVM_OPTS:-"-XX:+UseParallelGC -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20 -XX:GCTimeRatio=4 -XX:AdaptiveSizePolicyWeight=90 -XX:+ExitOnOutOfMemoryError -Xmx666m"}
export PGDATABASE=${BENCH_DB:-mysay_bench_run}
max_conn=$(psql -XAtd postgres -c 'show max_connections'); used=$(psql -XAtd postgres -c 'select count(*) from pg_stat_activity')
PGBENCH_MAX_CLIENTS=${PGBENCH_MAX_CLIENTS:-$(( (max_conn - used - 25) / 16 * 16 ))}
work=$(mktemp -d /tmp/mysay-bench.XXXXXX)
stamp=$(date -u +%Y-%m-%d-%H%M)
OUT=${OUT:-bench/results/$stamp.md}
mkdir -p "$(dirname "$OUT")"
log() { echo "[bench $(date -u +%H:%M:%S)] $*" >&2; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
wait_quiet() {
  local waited=0
  while awk -v q="$QUIET_LOAD" '{exit !($1 >= q)}' /proc/loadavg && [ "$waited" -lt "$QUIET_WAIT" ]; do
    log "load $(loadavg): waiting for the 1-minute load to fall under $QUIET_LOAD"; sleep 30; waited=$((waited + 30))
  done
}

if [ "${BUILD:-0}" = 1 ] || [ ! -f target/quarkus-app/quarkus-run.jar ]; then
  log "building"; mvn -B -ntp -DskipTests -Dspotbugs.skip=true package -q
fi
bench/secrets.sh "$work/secrets"
dropdb --if-exists "$PGDATABASE" && createdb "$PGDATABASE"

app_pid=
start_app() { # $1: extra JVM options; sets app_pid, ready_ms, port
  local t0; t0=$(date +%s%N)
  # shellcheck disable=SC2086
  MYSAY_JWT_PRIVATE_KEY_LOCATION=$work/secrets/jwt-private.pem MYSAY_JWT_PUBLIC_KEY_LOCATION=$work/secrets/jwt-public.pem \
  MYSAY_ENCRYPTION_KEYSET_LOCATION=$work/secrets/keyset.json \
  MYSAY_BOOTSTRAP_MANAGER_EMAIL=bench.manager@mysay.bench MYSAY_BOOTSTRAP_MANAGER_PASSWORD=bench-password-1 \
  MYSAY_SECOND_FACTOR_REQUIRED=false \
  java $JVM_OPTS ${1:-} ${APP_OPTS:-} -Dmysay.notifications.every=off -Dmysay.encryption.reencrypt-every=off \
    -Dmysay.sign-in-limits.redeem-per-address=1000000 -Dmysay.sign-in-limits.pin-per-address=1000000 \
    -Dmysay.sign-in-limits.pin-per-device=1000000 -Dmysay.sign-in-limits.staff-per-address=1000000 \
    -Dmysay.sign-in-limits.staff-per-account=1000000 -Dmysay.jwt.child-lifetime=3H -Dmysay.jwt.staff-lifetime=3H \
    -jar target/quarkus-app/quarkus-run.jar > "$work/app-$2.log" 2>&1 &
  app_pid=$!
  for _ in $(seq 1 600); do
    for port in 9000 8080; do
      if [ "$(curl -s -o /dev/null -w '%{http_code}' "localhost:$port/q/health/ready")" = 200 ]; then
        ready_ms=$(( ($(date +%s%N) - t0) / 1000000 )); return 0
      fi
    done
    kill -0 "$app_pid" 2>/dev/null || { cat "$work/app-$2.log" >&2; exit 1; }
    sleep 0.1
  done
  log "not ready after 60 s"; exit 1
}
stop_app() { kill "$app_pid"; wait "$app_pid" || true; app_pid=; }
trap '[ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null; true' EXIT
base=http://localhost:8080

log "first start (migrations), then seeding $CHILDREN children and $VIEWS views"
start_app "" first; first_ready_ms=$ready_ms
seed_t0=$(date +%s)
psql -Xq -v children="$CHILDREN" -v views="$VIEWS" -f bench/seed.sql > "$work/seed.log"
psql -Xq -v families="$FAMILIES" -v senders="$SENDERS" -f bench/seed-bench.sql
bench/seed_api.py "$base" "$work" "$FAMILIES" "$SENDERS" | tee -a "$work/seed.log" >&2
psql -Xq -c 'vacuum analyze'
seed_s=$(( $(date +%s) - seed_t0 ))
db_size=$(psql -XAtc 'select pg_size_pretty(pg_database_size(current_database()))')
counts=$(psql -XAt -F' / ' -c 'select (select count(*) from child), (select count(*) from conference), (select count(*) from views), (select count(*) from audit_event)')
stop_app

# ---- measured: a cold start, with the flight recorder on ----
wait_quiet; load_before=$(loadavg)
log "cold start (load $load_before)"
start_app "-XX:StartFlightRecording=filename=$work/app.jfr,settings=profile,dumponexit=true" measured
ready_measured_ms=$ready_ms
chair=$(cat "$work/chair.token"); summary=$(cat "$work/summary.id"); read -r tok conf < "$work/senders.txt"
first() { curl -s -o /dev/null -w '%{time_total}' -H "Cookie: $chair" -H "Accept: $2" "$base$1"; }
first_list=$(first "/api/conferences?scope=current" application/json)
first_pack=$(first "/api/conferences/$summary/summary" application/json)
first_send=$(curl -s -o /dev/null -w '%{time_total}' -H "Cookie: $tok" -H 'X-MySay-Request: 1' \
  -H 'Content-Type: application/json' -H "Idempotency-Key: first-$stamp" \
  -d '{"goodThings":{"text":"First","parentsMaySee":true},"authorship":{"kind":"CHILD"}}' \
  "$base/api/child/conferences/$conf/views/send")
blocked=$(grep -c 'BlockedThreadChecker\|blocked for' "$work/app-measured.log" || true)
rss_idle=$(awk '/VmRSS/{print $2}' /proc/$app_pid/status)

result() { grep '^RESULT' | sed 's/^RESULT //'; }
field() { echo "$1" | tr ' ' '\n' | awk -F= -v k="$2" '$1 == k {print $2}'; }
# The JIT compiles for the first minute or more, and recompiles whatever a new kind of work makes it rethink: in run D
# the pages' short warm-up, run after the sending's, deoptimized about 700 methods, and the JIT's compiler threads then
# used a third as much CPU as the event loops during the measured 16-client sending. So every kind of work is warmed
# before anything is measured: the pages, then sending at 256 and 64 clients, then WARMUP seconds at 16, the first
# measured run's load.
log "warming up (the pages, sending at 256 and 64 clients, then $WARMUP s of sending at 16)"
for a in application/json text/html; do
  wrk -t1 -c1 -d5s -s bench/get.lua "$base" -- "/api/conferences/$summary/summary" "$work/chair.token" $a > /dev/null
done
for scope in current all; do
  wrk -t1 -c1 -d5s -s bench/get.lua "$base" -- "/api/conferences?scope=$scope" "$work/chair.token" application/json > /dev/null
done
for c in 256 64; do
  wrk -t2 -c$c -d20s --timeout 10s -s bench/send.lua "$base" -- "$work/senders.txt" 2 "warm$c" > /dev/null
done
wrk -t2 -c16 -d"${WARMUP}s" -s bench/send.lua "$base" -- "$work/senders.txt" 2 warm > /dev/null

hex() { openssl rand -hex "$1"; }
# CPU time used so far, in clock ticks: by PostgreSQL ("pg": the postmaster, its live backends, and, through the
# postmaster's children's times, the backends that have exited) or by one process (a pid).
pg_pid=$(head -1 "$(psql -XAtc 'show data_directory')/postmaster.pid")
cpu_ticks() {
  local total=0 f line rest
  for f in /proc/[0-9]*/stat; do
    { read -r line < "$f"; } 2>/dev/null || continue
    local pid=${line%% *}; rest=${line##*) }
    # shellcheck disable=SC2086
    set -- $rest
    if { [ "$target" = pg ] && { [ "$pid" = "$pg_pid" ] || [ "$2" = "$pg_pid" ]; }; } || [ "$pid" = "$target" ]; then
      total=$((total + ${12} + ${13} + ${14} + ${15}))
    fi
  done
  echo "$total"
}
ticks() { target=$1 cpu_ticks; }
ms_per() { awk -v t="$1" -v n="$2" -v hz="$(getconf CLK_TCK)" 'BEGIN { if (n > 0) printf "%.2f", t * 1000 / hz / n; else print "n/a" }'; }
# Samples this database's backends 5 times a second for $1 seconds: on average how many wait for the audit chain's
# advisory lock (taken by every audit append and held to the commit), and how many are active.
lock_sampler() {
  local end=$(( $(date +%s) + $1 )) n=0 w=0 a=0 line
  while [ "$(date +%s)" -lt "$end" ]; do
    line=$(psql -XAt -F' ' -c "select count(*) filter (where wait_event_type = 'Lock' and wait_event = 'advisory'),
      count(*) filter (where state = 'active') from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid()")
    w=$((w + ${line% *})); a=$((a + ${line#* })); n=$((n + 1)); sleep 0.2
  done
  awk -v w=$w -v a=$a -v n=$n 'BEGIN { if (n) printf "%.1f / %.1f", w / n, a / n; else print "n/a" }'
}
pgb_vars="-D senders=$SENDERS -D gt=$(hex 209) -D wo=$(hex 181) -D wi=$(hex 165) -D qu=$(hex 100) -D ww=$(hex 54)"
# What PostgreSQL ran, per sending, from pg_stat_statements (where the server loads it): so that the results show the app
# and pgbench running the same statements (track=all also lists the audit trigger's own).
statements_on=0
psql -XAtqc 'create extension if not exists pg_stat_statements' 2>/dev/null && psql -XAtqc 'select pg_stat_statements_reset()' >/dev/null 2>&1 && statements_on=1
statements_reset() { [ "$statements_on" = 1 ] && psql -XAtqc 'select pg_stat_statements_reset()' > /dev/null; true; }
statements() { # $1: how many transactions ran
  [ "$statements_on" = 1 ] || { echo "(pg_stat_statements is not loaded on this server)"; return; }
  psql -XA -F' | ' -c "select round(calls::numeric / $1, 2) as per_sending, round(mean_exec_time::numeric, 3) as mean_ms,
    left(regexp_replace(query, '\s+', ' ', 'g'), 150) as statement from pg_stat_statements
    where query not like '%pg_stat_statements%' and calls >= $1 / 10 order by calls desc, mean_exec_time desc"
}
send_rows=""
for c in $CLIENTS; do
  wait_quiet; lb=$(loadavg)
  log "wrk: $c clients sending views (load $lb)"
  lock_sampler "$DURATION" > "$work/locks-app-$c.txt" & sampler=$!
  statements_reset
  app0=$(ticks "$app_pid"); pg0=$(ticks pg)
  t0=$(date +%H:%M:%S)
  w=$(wrk -t2 -c"$c" -d"${DURATION}s" --timeout 10s -s bench/send.lua "$base" -- "$work/senders.txt" 2 "c$c-$stamp" | result || true)
  echo "sending,$c-clients $t0 $(date +%H:%M:%S)" >> "$work/windows.txt"
  app1=$(ticks "$app_pid"); pg1=$(ticks pg)
  wait "$sampler"
  first_run=0; [ "$c" = "${CLIENTS%% *}" ] && first_run=1
  [ "$first_run" = 1 ] && statements "$(field "$w" requests)" > "$work/statements-app.txt"
  statements_reset
  pc=$(( c < PGBENCH_MAX_CLIENTS ? c : PGBENCH_MAX_CLIENTS ))
  log "pgbench: $pc clients, the same transaction"
  rm -f "$work"/pgb.*
  lock_sampler "$DURATION" > "$work/locks-pgbench-$c.txt" & sampler=$!
  pgb0=$(ticks pg)
  # shellcheck disable=SC2086
  pgbench -n -M prepared -c"$pc" -j2 -T"$DURATION" -f bench/send.pgbench $pgb_vars -l --log-prefix="$work/pgb" \
    > "$work/pgbench-$c.txt" 2>&1 || true
  pgb1=$(ticks pg)
  wait "$sampler"
  [ "$first_run" = 1 ] && statements "$(awk '/number of transactions actually processed/ {print $NF}' "$work/pgbench-$c.txt")" \
    > "$work/statements-pgbench.txt"
  tps=$(awk '/^tps/ {print $3; exit}' "$work/pgbench-$c.txt")
  pct=$(cat "$work"/pgb.* | python3 -c "
import sys; l = sorted(int(x.split()[2]) for x in sys.stdin if x.strip())
p = lambda q: l[min(len(l) - 1, int(q * len(l)))] / 1000 if l else 0
print(f'{p(.5):.2f} / {p(.95):.2f} / {p(.99):.2f}')")
  la=$(loadavg)
  rps=$(field "$w" rps)
  done_app=$(field "$w" requests); done_pgb=$(awk '/number of transactions actually processed/ {print $NF}' "$work/pgbench-$c.txt")
  cpu="$(ms_per $((app1 - app0)) "$done_app") / $(ms_per $((pg1 - pg0)) "$done_app") | $(ms_per $((pgb1 - pgb0)) "$done_pgb")"
  ratio=$(awk -v a="$rps" -v b="$tps" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }')
  send_rows+="| $c | $rps | $(field "$w" p50_ms) | $(field "$w" p95_ms) | $(field "$w" p99_ms) | $(field "$w" non2xx)/$(field "$w" socket_errors) | $pc | ${tps%.*} | $pct | **$ratio** | $cpu | $(cat "$work/locks-app-$c.txt") | $(cat "$work/locks-pgbench-$c.txt") | $lb → $la |"$'\n'
done

page_rows=""
chair_counts() {
  psql -XAtc "select count(*) from conference where chair_id = 'b0000000-0000-4000-8000-000000000001'$1"
}
chair_all=$(chair_counts ""); chair_current=$(chair_counts " and (status = 'SCHEDULED' or decided_at >= now() - interval '28 days')")
for spec in "GET /api/conferences?scope=current (the chair's start page)|/api/conferences?scope=current|application/json" \
            "GET /api/conferences?scope=all (every conference)|/api/conferences?scope=all|application/json" \
            "conference pack, JSON|/api/conferences/$summary/summary|application/json" \
            "conference pack, HTML|/api/conferences/$summary/summary|text/html"; do
  IFS='|' read -r name path accept <<< "$spec"
  for c in 1 4; do
    wait_quiet; lb=$(loadavg)
    log "page: $name, $c connection(s)"
    w=$(wrk -t1 -c$c -d"${PAGE_DURATION}s" -s bench/get.lua "$base" -- "$path" "$work/chair.token" "$accept" | result || true)
    bytes=$(curl -s --compressed -o /dev/null -w '%{size_download}' -H "Cookie: $chair" -H "Accept: $accept" "$base$path")
    page_rows+="| $name | $c | $(field "$w" rps) | $(field "$w" p50_ms) | $(field "$w" p95_ms) | $(field "$w" p99_ms) | $(field "$w" non2xx) | $bytes | $lb → $(loadavg) |"$'\n'
  done
done
rss_after=$(awk '/VmRSS/{print $2}' /proc/$app_pid/status); hwm=$(awk '/VmHWM/{print $2}' /proc/$app_pid/status)
first_load=$(SKIP_LIGHTHOUSE=1 bench/lighthouse.sh "$base" 2>&1 | grep -i 'total\|budget' | head -3 || true)
load_after=$(loadavg)

# The plans of the measured pages' biggest queries, on this data.
chair_id=b0000000-0000-4000-8000-000000000001
psql -X > "$work/plans.txt" 2>&1 <<SQL || true
explain (analyze, buffers, costs off) select * from conference k where k.chair_id = '$chair_id' order by k.starts_at, k.id limit 101;
explain (analyze, buffers, costs off) select v.conference_id, v.child_id, v.version from views v where v.status = 'SENT'
  and v.conference_id in (select id from conference where chair_id = '$chair_id') and v.version = (select max(w.version)
  from views w where w.child_id = v.child_id and w.conference_id = v.conference_id and w.status = 'SENT');
explain (analyze, buffers, costs off) select * from invitation where conference_id in (select id from conference where chair_id = '$chair_id');
explain (analyze, buffers, costs off) select distinct v.conference_id, v.child_id from views v where v.status = 'DRAFT'
  and v.conference_id in (select id from conference where chair_id = '$chair_id');
-- A sending's newest version number, as the subquery of the app's prepared INSERT runs it (a generic plan), for the
-- sender with the most versions by now.
select conference_id, child_id, count(*) as versions from views group by 1, 2 order by 3 desc limit 1 \gset
set plan_cache_mode = force_generic_plan;
prepare newest(uuid, uuid) as select v.version from views v where v.conference_id = \$1 and v.child_id = \$2
  and v.status = 'SENT' order by v.version desc limit 1;
\echo the sender with the most versions has :versions
explain (analyze, buffers, costs off) execute newest(:'conference_id', :'child_id');
SQL
stop_app
jfr print --stack-depth 64 --events jdk.ExecutionSample "$work/app.jfr" > "$work/samples.txt" 2>/dev/null || true
profile=$(python3 bench/jfr-top.py "$work/samples.txt" 15 2>/dev/null || echo "no profile")
jfr print --events jdk.ThreadCPULoad "$work/app.jfr" > "$work/thread-cpu.txt" 2>/dev/null || true
threads=$(python3 bench/jfr-threads.py "$work/thread-cpu.txt" "$work/windows.txt" 2>/dev/null || echo "no thread CPU")

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)
{
cat <<MD
# MySay service benchmark, $stamp (UTC)

| | |
|---|---|
| commit | \`$(git rev-parse --short HEAD)\`$(git diff --quiet HEAD -- src || echo ' (with uncommitted changes)') |
| machine | $(nproc) CPUs ($cpu), $(free -g | awk '/Mem/{print $2}') GB, $(. /etc/os-release; echo "$PRETTY_NAME"), $(java -version 2>&1 | head -1), $(psql -XAtc 'select version()' | cut -d' ' -f1-2) |
| JVM options | \`$JVM_OPTS${APP_OPTS:+ $APP_OPTS}\` |
| shared | wrk, pgbench, PostgreSQL and the app all run on these same CPUs |
| data | $counts (children / conferences / views / audit events); database $db_size; seeded in $seed_s s |
| load average (1, 5, 15 min) | before $load_before, after $load_after |

## Start-up and memory

| | |
|---|---|
| first start on an empty database (every migration, first manager) | $first_ready_ms ms |
| start to /q/health/ready = 200 (measured start, with JFR on) | **$ready_measured_ms ms** |
| first requests after that start: chair's list / pack (JSON) / a sending | ${first_list}s / ${first_pack}s / ${first_send}s |
| BlockedThreadChecker warnings in that start's log | $blocked |
| RSS after start / after all the load (peak) | $((rss_idle / 1024)) MB / $((rss_after / 1024)) MB ($((hwm / 1024)) MB) |

## Sending views: wrk against POST /api/child/conferences/{id}/views/send, and pgbench running the same SQL

$SENDERS children, each request a new sending with a new Idempotency-Key; $DURATION s each. pgbench clients are
capped at $PGBENCH_MAX_CLIENTS by max_connections; the app itself uses a pool of 20 connections.

Measured after a warm-up of every kind of work (the pages, 20 s of sending at 256 and at 64 clients, then $WARMUP s at 16), so that the JIT has compiled it all. CPU: milliseconds of CPU per sending, from /proc, for the
app's process and for PostgreSQL (all its processes) during the wrk run, and for PostgreSQL during the pgbench run.
Audit lock: backends waiting for the audit chain's lock / backends active, averaged over the run (app, then pgbench).

| clients | requests/s | p50 ms | p95 ms | p99 ms | non-2xx/socket errors | pgbench clients | pgbench tps | pgbench p50 / p95 / p99 ms | ratio | CPU ms: app / PostgreSQL | CPU ms: PostgreSQL (pgbench) | audit lock (app) | audit lock (pgbench) | load |
|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---|
$send_rows
## Pages, as the measured chair ($FAMILIES families, $chair_all conferences of which $chair_current current, $(cat "$work/summary.id" | cut -c1-8)… for the pack)

| page | connections | requests/s | p50 ms | p95 ms | p99 ms | non-2xx | bytes (gzip) | load |
|---|---:|---:|---:|---:|---:|---:|---:|---|
$page_rows
## Child's first load

\`\`\`
$first_load
\`\`\`

## Profile (JDK Flight Recorder, the whole measured run)

\`\`\`
$profile
\`\`\`

The app's CPU by kind of thread during each measured sending run (JFR's per-thread CPU, as a share of the whole
machine; garbage collection is not in it). JIT compilers busy here mean the run measured code still being compiled.

$threads

## What PostgreSQL ran for each sending (pg_stat_statements, the ${CLIENTS%% *}-client runs)

The app's run: per sending, the mean time of each statement in the server, and the statement (cut short). The audit
chain's trigger runs the last few at the commit.

\`\`\`
$(cat "$work/statements-app.txt" 2>/dev/null)
\`\`\`

pgbench's run of bench/send.pgbench: per transaction.

\`\`\`
$(cat "$work/statements-pgbench.txt" 2>/dev/null)
\`\`\`

## Query plans

\`\`\`
$(cat "$work/plans.txt")
\`\`\`
MD
} > "$OUT"
log "results in $OUT (work files in $work)"
