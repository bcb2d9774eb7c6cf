#!/usr/bin/env bash
# Runs the production jar under the restrictions that deploy/compose.yaml and the Kubernetes manifests put on the
# container, on a machine with no container engine, and drives one journey through it:
#   - the root filesystem read-only, with a writable /tmp only (compose: read_only + tmpfs; manifests:
#     readOnlyRootFilesystem + an emptyDir at /tmp);
#   - user and group 185, as in the image; every capability dropped; its own process namespace;
#   - the keys and keyset as read-only files under /run/secrets/mysay, named by the manifests' variables;
#   - the application in /deployments, read-only, the working directory, as in the image.
# The journey: ready on the management port (by the compose file's own health check command), the first manager's
# sign-in, bench/seed-bench.sql's chair and children, children redeeming invitations, choosing PINs and sending
# views (bench/seed_api.py), then as the chair the start page and the conference pack as JSON, HTML and PDF, the
# child's page and its script, and the metrics. It fails if any of that fails, or if the app's log says it could
# not write somewhere or was refused something.
# What it does not check: Red Hat's base image and its run-java.sh (not reachable from here), image building, and
# the orchestration (health-based restarts, the network policy). See deploy/README.md, "Validation".
#
# Usage: deploy/check/hardened-run.sh   (after mvn package; needs bwrap, python3, openssl, curl, psql;
# uses the PG* variables if PGHOST is set, else runs itself under pg_virtualenv; ports 8080 and 9000 must be free)
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ -z "${PGHOST:-}" ] && [ -z "${MYSAY_HARDENED_IN_VENV:-}" ]; then
  exec env MYSAY_HARDENED_IN_VENV=1 pg_virtualenv -- "$0" "$@"
fi
[ -f target/quarkus-app/quarkus-run.jar ] || { echo "target/quarkus-app is missing: run mvn package first" >&2; exit 1; }
command -v bwrap > /dev/null || { echo "needs bubblewrap (apt-get install bubblewrap)" >&2; exit 1; }

export PGDATABASE=${HARDENED_DB:-mysay_hardened_run}
work=$(mktemp -d /tmp/mysay-hardened.XXXXXX)
log() { echo "[hardened $(date -u +%H:%M:%S)] $*" >&2; }
fail() { log "FAILED: $*"; [ -f "$work/app.log" ] && tail -40 "$work/app.log" >&2; exit 1; }
bench/secrets.sh "$work/secrets"
mv "$work/secrets/keyset.json" "$work/secrets/encryption-keyset.json"
dropdb --if-exists "$PGDATABASE" && createdb "$PGDATABASE"

# A mail server for the notifications: Python's debugging SMTP server, which prints what it receives. It has no
# STARTTLS, so here the app may send without it (the manifests say REQUIRED).
smtp_port=${HARDENED_SMTP_PORT:-2526}
python3 -u -W ignore -m smtpd -n -c DebuggingServer "127.0.0.1:$smtp_port" > "$work/smtp.log" 2>&1 &
smtp_pid=$!

# The manifests' environment (deploy/kubernetes/base/deployment.yaml), with this machine's database.
app_pid=
stop_all() {
  if [ -n "$app_pid" ]; then kill "$app_pid" 2> /dev/null || true; fi
  kill "$smtp_pid" 2> /dev/null || true
}
trap stop_all EXIT
# A new root with only the system's programs and settings (/usr, /etc), read-only like everything in it but /tmp.
bwrap --ro-bind /usr /usr --ro-bind /etc /etc --symlink usr/bin /bin --symlink usr/sbin /sbin \
  --symlink usr/lib /lib --symlink usr/lib64 /lib64 --dev /dev --proc /proc --tmpfs /tmp \
  --ro-bind "$work/secrets" /run/secrets/mysay --ro-bind "$PWD/target/quarkus-app" /deployments \
  --remount-ro / --chdir /deployments \
  --unshare-user --uid 185 --gid 185 --unshare-pid --unshare-ipc --die-with-parent --cap-drop ALL \
  --setenv MYSAY_JWT_PRIVATE_KEY_LOCATION /run/secrets/mysay/jwt-private.pem \
  --setenv MYSAY_JWT_PUBLIC_KEY_LOCATION /run/secrets/mysay/jwt-public.pem \
  --setenv MYSAY_ENCRYPTION_KEYSET_LOCATION /run/secrets/mysay/encryption-keyset.json \
  --setenv MYSAY_AUDIT_CHECKPOINT_KEY_LOCATION /run/secrets/mysay/audit-checkpoint.key \
  --setenv MYSAY_BOOTSTRAP_MANAGER_EMAIL bench.manager@mysay.bench \
  --setenv MYSAY_BOOTSTRAP_MANAGER_PASSWORD bench-password-1 \
  --setenv MYSAY_SECOND_FACTOR_REQUIRED false \
  --setenv MYSAY_PUBLIC_URL http://localhost:8080 --setenv MYSAY_JWT_ISSUER http://localhost:8080/api \
  --setenv MYSAY_SMTP_HOST 127.0.0.1 --setenv MYSAY_SMTP_PORT "$smtp_port" --setenv MYSAY_SMTP_START_TLS OPTIONAL \
  --setenv MYSAY_MAIL_FROM 'MySay <no-reply@mysay.example>' --setenv MYSAY_RETENTION_AFTER_LAST_CONFERENCE P2Y \
  --setenv MYSAY_BANK_HOLIDAYS_REFRESH_EVERY off \
  java -XX:+UseParallelGC -XX:+ExitOnOutOfMemoryError -Xmx666m -Dquarkus.http.host=0.0.0.0 \
    -Djava.util.logging.manager=org.jboss.logmanager.LogManager -jar /deployments/quarkus-run.jar \
  > "$work/app.log" 2>&1 &
app_pid=$!

# The compose file's health check, word for word: bash's /dev/tcp, as the image has no curl.
healthy() {
  bash -c "exec 3<>/dev/tcp/127.0.0.1/9000 && printf 'GET /q/health/ready HTTP/1.0\\r\\n\\r\\n' >&3 && grep -q '\"UP\"' <&3" \
    2> /dev/null
}
for _ in $(seq 1 120); do
  healthy && break
  kill -0 "$app_pid" 2> /dev/null || fail "the app stopped before it was ready"
  sleep 0.5
done
healthy || fail "not ready after 60 s"
log "ready: the compose health check passes on port 9000"
[ "$(curl -s -o /dev/null -w '%{http_code}' localhost:9000/q/health/live)" = 200 ] || fail "liveness"
[ "$(curl -s -o /dev/null -w '%{http_code}' localhost:9000/q/health/started)" = 200 ] || fail "startup probe"

psql -Xq -v families=2 -v senders=4 -f bench/seed-bench.sql
bench/seed_api.py http://localhost:8080 "$work" 2 4 >&2 || fail "children signing in and sending views"
chair=$(cat "$work/chair.token"); conference=$(cat "$work/summary.id")

check() { # $1 what, $2 path, $3 Accept, $4 expected Content-Type start, $5 port (8080)
  local code type
  read -r code type < <(curl -s -o "$work/body" -w '%{http_code} %{content_type}\n' -H "Cookie: $chair" \
    -H "Accept: $3" "localhost:${5:-8080}$2")
  [ "$code" = 200 ] || fail "$1: $code"
  case "$type" in "$4"*) ;; *) fail "$1: Content-Type $type" ;; esac
  log "$1: 200 $type, $(wc -c < "$work/body") bytes"
}
check "the chair's start page" "/api/conferences?scope=current" application/json application/json
check "the conference pack, JSON" "/api/conferences/$conference/summary" application/json application/json
check "the conference pack, HTML" "/api/conferences/$conference/summary" text/html text/html
check "the conference pack, PDF" "/api/conferences/$conference/summary" application/pdf application/pdf
head -c 5 "$work/body" | grep -q '%PDF-' || fail "the PDF does not start with %PDF-"
check "the child's page" "/" text/html text/html
script=$(grep -o 'src="/assets/[^"]*\.js"' "$work/body" | head -1 | sed 's/src="//; s/"$//')
[ -n "$script" ] || fail "no script in the child's page"
check "the child's page's script" "$script" '*/*' text/javascript
check "the metrics" "/q/metrics" text/plain text/plain 9000
grep -q '^mysay_views_sent_total' "$work/body" || fail "no mysay_views_sent_total in the metrics"

# Every sending told its chair and social workers: the outbox (every 5 s) must empty into the mail server.
for _ in $(seq 1 60); do
  pending=$(psql -XAtc "select count(*) from notification where sent_at is null and kind = 'VIEWS_SENT'")
  [ "$pending" = 0 ] && break
  sleep 1
done
[ "$pending" = 0 ] || fail "$pending notifications still waiting after 60 s"
mails=$(grep -c "^---------- MESSAGE FOLLOWS ----------" "$work/smtp.log" || true)
[ "$mails" -gt 0 ] || fail "the mail server received nothing"
log "the outbox sent every notification: $mails e-mails received"

kill "$app_pid"; wait "$app_pid" || true; app_pid=
if grep -Ei 'read-only file system|permission denied|operation not permitted|accessdenied|could not (write|create)' \
    "$work/app.log"; then
  fail "the app's log, above, says it was refused something"
fi
errors=$(grep -c '"level":"ERROR"' "$work/app.log" || true)
[ "$errors" = 0 ] || { grep '"level":"ERROR"' "$work/app.log" | head -5 >&2; fail "$errors ERROR lines in the log"; }
log "passed: read-only root, /tmp only, user 185, no capabilities; the log is in $work/app.log"
