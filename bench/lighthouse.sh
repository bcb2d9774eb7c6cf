#!/usr/bin/env bash
# A child's first visit to MySay: what their phone downloads, and what Lighthouse (mobile) thinks of it.
#
#   bench/lighthouse.sh [BASE_URL]          default http://localhost:8080
#
# 1. Bytes: fetches the page at BASE_URL/, takes every /assets/ script and stylesheet it references (src= and
#    href=, which includes modulepreload links), and gives each body raw and gzip -9 compressed, against the 60 KB
#    (61,440 bytes) budget that FirstLoadBudgetTest enforces. It also says whether the server itself compresses
#    (Content-Encoding when asked for gzip/br), and lists the chunks the scripts load only when needed.
# 2. Lighthouse: runs it LIGHTHOUSE_RUNS times (default 3), mobile, simulated throttling, with the local Chromium,
#    and prints the median scores and metrics and every audit that did not pass.
#
# It contacts only BASE_URL, plus the npm registry once if Lighthouse has to be installed. Chromium is started
# with background networking, component updates and sync turned off, and with a resolver rule that refuses to look
# up any host name but BASE_URL's. Checked with strace: no DNS queries; connections only to BASE_URL (and the UDP
# connect() Chromium makes to 2001:4860:4860::8888 to learn whether IPv6 is routable, which sends no packet).
#
# Environment (all optional):
#   LIGHTHOUSE_RUNS=3        how many Lighthouse runs (the median is reported)
#   LIGHTHOUSE_VERSION=12    which major version to install if none is found
#   LIGHTHOUSE_DIR=...       where Lighthouse is, or is installed (default: $TMPDIR/mysay-lighthouse)
#   CHROME_PATH=...          the browser (default: chromium, chromium-browser or google-chrome from PATH)
#   OUT_DIR=...              where the reports go (default: a new temporary directory)
#   SKIP_LIGHTHOUSE=1        measure the bytes only
#
# Exit status: 0 when everything ran and the first visit is within budget; 1 otherwise.
set -euo pipefail

BASE_URL="${1:-http://localhost:8080}"
BASE_URL="${BASE_URL%/}"
RUNS="${LIGHTHOUSE_RUNS:-3}"
LH_VERSION="${LIGHTHOUSE_VERSION:-12}"
LH_DIR="${LIGHTHOUSE_DIR:-${TMPDIR:-/tmp}/mysay-lighthouse}"
OUT_DIR="${OUT_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/mysay-perf.XXXXXX")}"
BUDGET=$((60 * 1024))
status=0

mkdir -p "$OUT_DIR/files"
say() { printf '%s\n' "$*"; }
fail() { printf 'error: %s\n' "$*" >&2; exit 1; }

for tool in curl gzip wc grep sed awk; do
  command -v "$tool" >/dev/null || fail "$tool is needed"
done

# ---------------------------------------------------------------------------------------------------------------
# 1. First-load bytes
# ---------------------------------------------------------------------------------------------------------------

# fetch PATH FILE: the body as the server sends it uncompressed (Accept-Encoding: identity).
fetch() {
  curl -fsS --max-time 30 -H 'Accept-Encoding: identity' -o "$2" "$BASE_URL$1" || fail "could not fetch $BASE_URL$1"
}
raw_size() { wc -c <"$1" | tr -d ' '; }
gz_size() { gzip -9 -c <"$1" | wc -c | tr -d ' '; }
# server_sent PATH: "<bytes on the wire> <content-encoding or ->" when the client accepts gzip and br.
server_sent() {
  local headers size enc
  headers="$(mktemp)"
  size="$(curl -fsS --max-time 30 -H 'Accept-Encoding: gzip, deflate, br' -D "$headers" -o /dev/null \
    -w '%{size_download}' "$BASE_URL$1")" || fail "could not fetch $BASE_URL$1"
  enc="$(tr -d '\r' <"$headers" | awk -F': *' 'tolower($1)=="content-encoding" {print $2}' | tail -n1)"
  rm -f "$headers"
  printf '%s %s\n' "$size" "${enc:--}"
}
local_name() { printf '%s' "$OUT_DIR/files/$(printf '%s' "$1" | tr '/' '_')"; }

say "MySay, a child's first visit to $BASE_URL/"
say "Reports and downloaded files: $OUT_DIR"
say ""

html="$(local_name /index.html)"
fetch / "$html"

if grep -qE '"/@vite/client"|src="/src/' "$html"; then
  fail "$BASE_URL is serving the Vite dev server's unbundled files (quarkus:dev); measure the production jar instead"
fi

# Scripts and stylesheets the page references under /assets/ (script src, link href, modulepreload), in order.
mapfile -t first_load < <(grep -oE '(src|href)="/assets/[^"]+\.(js|css)"' "$html" \
  | sed -E 's/^(src|href)="//; s/"$//' | awk '!seen[$0]++' || true)
[[ ${#first_load[@]} -gt 0 ]] || fail "the page at $BASE_URL/ references no /assets/ scripts or stylesheets; is this MySay?"

printf '%-44s %10s %10s %12s  %s\n' "first visit" "raw" "gzip -9" "server sent" "Content-Encoding"
total_raw=0
total_gz=0
row() { # PATH FILE
  local raw gz sent enc
  raw="$(raw_size "$2")"
  gz="$(gz_size "$2")"
  read -r sent enc < <(server_sent "$1")
  printf '%-44s %10s %10s %12s  %s\n' "$1" "$raw" "$gz" "$sent" "$enc"
  total_raw=$((total_raw + raw))
  total_gz=$((total_gz + gz))
}
row / "$html"
for asset in "${first_load[@]}"; do
  file="$(local_name "$asset")"
  fetch "$asset" "$file"
  row "$asset" "$file"
done
printf '%-44s %10s %10s\n' "total" "$total_raw" "$total_gz"
if ((total_gz <= BUDGET)); then
  say "Budget: $total_gz of $BUDGET bytes gzipped ($((total_gz * 100 / BUDGET))%): within budget."
else
  say "Budget: $total_gz of $BUDGET bytes gzipped: OVER BUDGET by $((total_gz - BUDGET)) bytes."
  status=1
fi
say ""

# Chunks the scripts import only when needed (other languages, staff pages): references to sibling files
# ("./name-hash.js") or to /assets/ paths, followed through every script they lead to.
declare -A seen=()
for asset in "${first_load[@]}"; do seen["$asset"]=1; done
queue=()
for asset in "${first_load[@]}"; do
  if [[ $asset == *.js ]]; then queue+=("$asset"); fi
done
lazy=()
while ((${#queue[@]} > 0)); do
  current="${queue[0]}"
  queue=("${queue[@]:1}")
  while IFS= read -r ref; do
    [[ -n $ref ]] || continue
    ref="${ref#\"}"; ref="${ref%\"}"
    case "$ref" in
      ./*) path="/assets/${ref#./}" ;;
      /assets/*) path="$ref" ;;
      assets/*) path="/$ref" ;;
      *) continue ;;
    esac
    [[ -z ${seen[$path]:-} ]] || continue
    seen["$path"]=1
    lazy+=("$path")
    file="$(local_name "$path")"
    fetch "$path" "$file"
    if [[ $path == *.js ]]; then queue+=("$path"); fi
  done < <(grep -oE '"(\./|/?assets/)[A-Za-z0-9._-]+\.(js|css)"' "$(local_name "$current")" | sort -u || true)
done
if ((${#lazy[@]} > 0)); then
  printf '%-44s %10s %10s   %s\n' "loaded only when needed (not first visit)" "raw" "gzip -9" ""
  for path in "${lazy[@]}"; do
    file="$(local_name "$path")"
    printf '%-44s %10s %10s\n' "$path" "$(raw_size "$file")" "$(gz_size "$file")"
  done
else
  say "No lazily loaded chunks found."
fi
say ""

# ---------------------------------------------------------------------------------------------------------------
# 2. Lighthouse, mobile, simulated throttling
# ---------------------------------------------------------------------------------------------------------------

if [[ ${SKIP_LIGHTHOUSE:-0} == 1 ]]; then
  say "Lighthouse skipped (SKIP_LIGHTHOUSE=1)."
  exit "$status"
fi
command -v node >/dev/null || fail "Lighthouse needs Node.js (node and npm); the byte measurement above is complete"

if [[ -z ${CHROME_PATH:-} ]]; then
  for candidate in chromium chromium-browser google-chrome google-chrome-stable; do
    if command -v "$candidate" >/dev/null; then CHROME_PATH="$(command -v "$candidate")"; break; fi
  done
fi
[[ -n ${CHROME_PATH:-} ]] || fail "no Chromium or Chrome found; set CHROME_PATH"
export CHROME_PATH

lighthouse="$LH_DIR/node_modules/.bin/lighthouse"
if [[ ! -x $lighthouse ]]; then
  if command -v lighthouse >/dev/null; then
    lighthouse="$(command -v lighthouse)"
  else
    command -v npm >/dev/null || fail "npm is needed to install Lighthouse"
    say "Installing lighthouse@$LH_VERSION into $LH_DIR (npm registry) ..."
    mkdir -p "$LH_DIR"
    [[ -f $LH_DIR/package.json ]] || (cd "$LH_DIR" && npm init -y >/dev/null 2>&1)
    if ! (cd "$LH_DIR" && npm install --no-audit --no-fund --loglevel=error "lighthouse@$LH_VERSION" >&2); then
      say "lighthouse@$LH_VERSION did not install; trying the newest release ..."
      (cd "$LH_DIR" && npm install --no-audit --no-fund --loglevel=error lighthouse >&2) || fail "could not install Lighthouse"
    fi
  fi
fi
say "Lighthouse $("$lighthouse" --version), $("$CHROME_PATH" --version 2>/dev/null | head -n1)"

# Even with background networking off, Chromium still looks up Google hosts (accounts.google.com, clients2.google.com,
# update.googleapis.com). The resolver rule makes every name except the one being measured fail without a lookup.
host="${BASE_URL#*://}"
host="${host%%/*}"
host="${host##*@}"
if [[ $host == \[* ]]; then host="${host%%]*}]"; else host="${host%%:*}"; fi
chrome_flags="--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update"
chrome_flags+=" --disable-sync --no-first-run --host-resolver-rules=\"MAP * ~NOTFOUND, EXCLUDE $host\""
for ((i = 1; i <= RUNS; i++)); do
  say "Lighthouse run $i of $RUNS ..."
  if ! "$lighthouse" "$BASE_URL/" \
    --only-categories=performance,accessibility,best-practices \
    --form-factor=mobile --screenEmulation.mobile --throttling-method=simulate \
    --chrome-flags="$chrome_flags" \
    --output=json --output=html --output-path="$OUT_DIR/lighthouse-$i" >"$OUT_DIR/lighthouse-$i.log" 2>&1; then
    tail -n 20 "$OUT_DIR/lighthouse-$i.log" >&2
    fail "Lighthouse run $i failed (log: $OUT_DIR/lighthouse-$i.log); the byte measurement above is complete"
  fi
done
say ""

# The median of every score and metric over the runs, and every audit that did not pass in any run.
node - "$OUT_DIR" "$RUNS" <<'EOF' || status=1
const fs = require('fs');
const [dir, runs] = process.argv.slice(2);
const reports = [];
for (let i = 1; i <= Number(runs); i++) {
  reports.push(JSON.parse(fs.readFileSync(`${dir}/lighthouse-${i}.report.json`, 'utf8')));
}
const broken = reports.map((r, i) => r.runtimeError ? `run ${i + 1}: ${r.runtimeError.code} ${r.runtimeError.message}` : null).filter(Boolean);
if (broken.length) {
  console.log('Lighthouse could not measure the page:\n  ' + broken.join('\n  '));
  process.exit(1);
}
const median = (xs) => {
  const s = xs.filter((x) => typeof x === 'number').sort((a, b) => a - b);
  if (!s.length) return null;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const warnings = [...new Set(reports.flatMap((r) => r.runWarnings || []))];
console.log(`Lighthouse ${reports[0].lighthouseVersion}, ${reports[0].environment.hostUserAgent}`);
console.log(`median of ${reports.length} runs, mobile, simulated throttling; each value's median taken on its own`);
for (const id of ['performance', 'accessibility', 'best-practices']) {
  const scores = reports.map((r) => r.categories[id] && r.categories[id].score);
  const m = median(scores);
  console.log(`  ${id.padEnd(16)} ${m === null ? 'n/a' : Math.round(m * 100)}   (runs: ${scores.map((s) => s === null ? 'n/a' : Math.round(s * 100)).join(', ')})`);
}
const metrics = [
  ['first-contentful-paint', 'FCP', 'ms'],
  ['largest-contentful-paint', 'LCP', 'ms'],
  ['total-blocking-time', 'TBT', 'ms'],
  ['cumulative-layout-shift', 'CLS', ''],
  ['speed-index', 'Speed Index', 'ms'],
];
for (const [id, name, unit] of metrics) {
  const values = reports.map((r) => r.audits[id] && r.audits[id].numericValue);
  const m = median(values);
  const show = (v) => v === null || v === undefined ? 'n/a' : unit === 'ms' ? `${Math.round(v)} ms` : v.toFixed(3);
  console.log(`  ${name.padEnd(16)} ${show(m)}   (runs: ${values.map(show).join(', ')})`);
}
if (warnings.length) console.log('Run warnings:\n  ' + warnings.join('\n  '));

console.log('');
for (const category of ['accessibility', 'best-practices', 'performance']) {
  const failing = new Map();
  reports.forEach((r, run) => {
    for (const ref of r.categories[category].auditRefs) {
      const a = r.audits[ref.id];
      if (!a || ref.group === 'metrics' || ['notApplicable', 'manual', 'informative'].includes(a.scoreDisplayMode)) continue;
      if (a.scoreDisplayMode === 'error' || (a.score !== null && a.score < 1)) {
        const f = failing.get(ref.id) || { a, runs: [] };
        f.runs.push(run + 1);
        failing.set(ref.id, f);
      }
    }
  });
  const what = category === 'performance' ? 'audit(s) besides the metrics above' : 'audit(s)';
  console.log(`${category}: ${failing.size ? `${failing.size} ${what} did not pass` : 'every scored audit passed'}`);
  if (category === 'accessibility') {
    const manual = reports[0].categories[category].auditRefs.filter((ref) => reports[0].audits[ref.id].scoreDisplayMode === 'manual');
    if (manual.length) console.log(`  (${manual.length} further checks are manual, not tested by Lighthouse: ${manual.map((ref) => ref.id).join(', ')})`);
  }
  for (const [id, { a, runs: inRuns }] of failing) {
    console.log(`  ${id}: ${a.title}${a.displayValue ? ` (${a.displayValue})` : ''} [runs ${inRuns.join(',')}]`);
    if (a.errorMessage) console.log(`      error: ${a.errorMessage}`);
    const items = (a.details && a.details.items) || [];
    for (const item of items.slice(0, 5)) {
      const where = item.node ? (item.node.selector || item.node.snippet) : item.url || (item.sourceLocation && item.sourceLocation.url) || '';
      const why = item.node ? (item.node.explanation || '') : item.description || '';
      if (where) console.log(`      ${where}${why ? ` : ${why.replace(/\s+/g, ' ')}` : ''}`);
    }
  }
}
console.log(`\nFull reports: ${dir}/lighthouse-<n>.report.html`);
EOF

exit "$status"
