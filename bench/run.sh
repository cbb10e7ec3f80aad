#!/usr/bin/env bash
# bench/run.sh BUILD_DIR — the benchmarks of issue 9 (make bench).
#
# Every figure is our path against a limit measured in the same run, in
# rounds, reported as the median with min-max:
#   - kcbench api: a request through the whole stack in-process (server time)
#     against the same SQL run raw through the C API (the database limit);
#   - kcbench report: a national report computed and rendered against the
#     time its aggregate SQL took;
#   - wrk over loopback: khuyencong serve against nginx serving the same
#     response bytes from files (the HTTP limit); p50/p99 at 32 connections;
#   - the server's resident memory idle and under that load.
# Writes bench/results.md and prints one "name: value" line per figure.
set -euo pipefail

B=${1:-build/release}
ROUNDS=${ROUNDS:-3}
WRK_SECONDS=${WRK_SECONDS:-5}
CONNS=32
PORT=${BENCH_PORT:-18480}
NGINX_PORT=$((PORT + 1))
VAR=var/bench
DB=$VAR/national.sqlite
KC=./khuyencong
KCB=$B/bench/kcbench
OUT=bench/results.md
mkdir -p "$VAR"
FIG=$VAR/figures.txt
: > "$FIG"

say() { echo "$*" >&2; }
fig() { echo "$1: $2" | tee -a "$FIG"; }

# ---- The data: generated once, kept in var/bench/ --------------------------------
if [ ! -f "$DB" ]; then
  say "bench: generating the national data (once; kept in $DB)"
  rm -f "$DB" "$DB-wal" "$DB-shm"
  t0=$(date +%s.%N)
  $KC gen --db "$DB.tmp" --scale national --seed 1 > "$VAR/gen.txt"
  t1=$(date +%s.%N)
  mv "$DB.tmp" "$DB"; rm -f "$DB.tmp-wal" "$DB.tmp-shm"
  awk -v a="$t0" -v b="$t1" 'BEGIN {printf "gen_seconds: %.1f\n", b - a}' >> "$VAR/gen.txt"
fi
[ -f "$VAR/gen.txt" ] && cat "$VAR/gen.txt" >&2
gen_line=$(head -1 "$VAR/gen.txt" 2>/dev/null || true)
gen_seconds=$(sed -n 's/^gen_seconds: //p' "$VAR/gen.txt" 2>/dev/null || true)
db_mb=$(( $(stat -c %s "$DB") / 1048576 ))
rows=$(sqlite3 "$DB" "SELECT (SELECT COUNT(*) FROM project) || ' đề án, ' || (SELECT COUNT(*) FROM establishment) || ' establishments, ' || (SELECT COUNT(*) FROM project_cost_line) || ' cost lines, ' || (SELECT COUNT(*) FROM disbursement) || ' disbursements, ' || (SELECT COUNT(*) FROM audit_log) || ' audit rows'")
fig gen_seconds "${gen_seconds:-unknown}"
fig db_mb "$db_mb"

# ---- In-process: our path against its SQL ----------------------------------------
say "bench: API in-process ($ROUNDS rounds)"
$KCB api --db "$DB" --rounds "$ROUNDS" | tee -a "$FIG"
say "bench: reports ($((ROUNDS > 3 ? 3 : ROUNDS)) rounds)"
$KCB report --db "$DB" --rounds $((ROUNDS > 3 ? 3 : ROUNDS)) | tee -a "$FIG"
# The issue's name for the national annual report's figure: as JSON.
fig report_national_overhead "$(sed -n 's/^report_national_json_overhead: //p' "$FIG")"

# ---- Over loopback: the server against nginx ---------------------------------------
cookie=$($KCB session --db "$DB" | sed -n 's/^cookie: //p')
detail_id=$(sqlite3 "$DB" "SELECT MAX(id) / 2 FROM project")
LIST="/api/v1/projects?province=92&status=settled&limit=50"
DETAIL="/api/v1/projects/$detail_id"

$KC serve --db "$DB" --listen 127.0.0.1:$PORT --access-log none 2> "$VAR/serve.log" &
SERVER=$!
NGINX=
cleanup() {
  kill "$SERVER" 2>/dev/null || true
  [ -n "$NGINX" ] && kill "$NGINX" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup EXIT
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
curl -fs "http://127.0.0.1:$PORT/healthz" > /dev/null
rss() { awk '/^VmRSS/ {print int($2 / 1024)}' "/proc/$SERVER/status"; }
sleep 1
fig rss_mb_idle "$(rss)"

# The same bytes for nginx to serve.
WWW=$VAR/nginx/www
mkdir -p "$WWW" "$VAR/nginx/tmp"
curl -fs "http://127.0.0.1:$PORT/healthz" > "$WWW/healthz.json"
curl -fs -H "Cookie: $cookie" "http://127.0.0.1:$PORT$LIST" > "$WWW/list.json"
sed -e "s|@DIR@|$PWD/$VAR/nginx|g" -e "s|@PORT@|$NGINX_PORT|g" bench/nginx.conf.in > "$VAR/nginx/nginx.conf"
nginx -c "$PWD/$VAR/nginx/nginx.conf" -p "$PWD/$VAR/nginx" &
NGINX=$!
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$NGINX_PORT/healthz.json" >/dev/null && break; sleep 0.1; done

# wrk URL [header]: "requests/s p50_ms p99_ms"
load() {
  local url=$1 hdr=${2:-}
  local out
  if [ -n "$hdr" ]; then
    out=$(wrk -t2 -c$CONNS -d${WRK_SECONDS}s --latency -H "$hdr" "$url")
  else
    out=$(wrk -t2 -c$CONNS -d${WRK_SECONDS}s --latency "$url")
  fi
  local rps p50 p99 non2xx
  rps=$(echo "$out" | awk '/^Requests\/sec/ {print $2}')
  non2xx=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
  [ -n "$non2xx" ] && say "bench: $url answered $non2xx non-2xx"
  p50=$(echo "$out" | awk '$1 == "50%" {print $2}')
  p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
  echo "$rps $(to_ms "$p50") $(to_ms "$p99")"
}
# wrk writes 812.00us, 1.20ms, 2.01s
to_ms() {
  case $1 in
    *us) echo "$1" | sed 's/us$//' | awk '{printf "%.3f", $1 / 1000}' ;;
    *ms) echo "$1" | sed 's/ms$//' ;;
    *s) echo "$1" | sed 's/s$//' | awk '{printf "%.3f", $1 * 1000}' ;;
    *) echo "$1" ;;
  esac
}
# median and min-max of a list of numbers
stats() { sort -g | awk '{v[NR] = $1} END {m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.6g %.6g-%.6g\n", m, v[1], v[NR]}'; }

# Memory under load: the largest resident size seen while wrk runs.
peak=0
sample() { while kill -0 "$SERVER" 2>/dev/null; do r=$(rss); echo "$r"; sleep 0.2; done; }
sample > "$VAR/rss.txt" &
SAMPLER=$!

say "bench: HTTP over loopback ($ROUNDS rounds of ${WRK_SECONDS}s, $CONNS connections)"
: > "$VAR/wrk.txt"
for r in $(seq "$ROUNDS"); do
  read -r a _ _ < <(load "http://127.0.0.1:$PORT/healthz")
  read -r b _ _ < <(load "http://127.0.0.1:$NGINX_PORT/healthz.json")
  read -r c p50 p99 < <(load "http://127.0.0.1:$PORT$LIST" "Cookie: $cookie")
  read -r d _ _ < <(load "http://127.0.0.1:$NGINX_PORT/list.json")
  read -r f dp50 dp99 < <(load "http://127.0.0.1:$PORT$DETAIL" "Cookie: $cookie")
  echo "$r $a $b $c $p50 $p99 $d $f $dp50 $dp99" >> "$VAR/wrk.txt"
  say "  round $r: healthz $a/s (nginx $b/s), list $c/s p50 ${p50}ms p99 ${p99}ms (nginx $d/s), detail $f/s"
done
kill "$SAMPLER" 2>/dev/null || true
wait "$SAMPLER" 2>/dev/null || true
col() { awk -v k="$1" '{print $k}' "$VAR/wrk.txt"; }
ratio() { awk -v a="$1" -v b="$2" '{printf "%.4f\n", $a / $b}' "$VAR/wrk.txt"; }
put() { read -r m range < <($2 | stats); fig "$1" "$m"; fig "$1_range" "$range"; }
put http_healthz_rps "col 2"
put nginx_healthz_rps "col 3"
put http_vs_nginx "ratio 2 3"
put api_list_rps "col 4"
put api_list_p50_ms "col 5"
put api_list_p99_ms "col 6"
put nginx_list_rps "col 7"
put api_list_vs_nginx "ratio 4 7"
put api_detail_rps "col 8"
put api_detail_p50_ms "col 9"
put api_detail_p99_ms "col 10"
fig rss_mb_load "$(sort -n "$VAR/rss.txt" | tail -1)"

# ---- Import: 1 000 000 establishments from CSV against raw prepared inserts -------
cleanup
trap - EXIT
IMPORT_ROWS=${IMPORT_ROWS:-1000000}
say "bench: import of $IMPORT_ROWS establishments (bench_import)"
$B/bench/bench_import "$IMPORT_ROWS" | tee "$VAR/import.txt" >&2
imp=$(awk '/^import/ {print $(NF-1)}' "$VAR/import.txt")
rawi=$(awk '/^raw prepared/ {print $(NF-1)}' "$VAR/import.txt")
fig import_csv_rows_per_s "$imp"
fig import_raw_rows_per_s "$rawi"
fig import_csv_ratio "$(awk -v a="$imp" -v b="$rawi" 'BEGIN {printf "%.3f", a / b}')"

# ---- bench/results.md --------------------------------------------------------------
get() { sed -n "s/^$1: //p" "$FIG" | head -1; }
goal() { # name, goal text, test (awk expression on v) -> a table row
  local v range
  v=$(get "$1"); range=$(get "$1_range")
  local met
  met=$(awk -v v="$v" -v g="$2" "BEGIN { if (g == \"\" || g ~ /^\\(/) print \"\"; else if (v !~ /^[0-9.]+$/) print \"—\"; else print ($3) ? \"met\" : \"missed\" }")
  echo "| \`$1\` | $v | ${range:-} | $2 | $met |"
}
{
  echo "<!-- make bench: from here to the end marker, written by bench/run.sh -->"
  echo "## National scale against the machine's limits (\`make bench\`, issue 9)"
  echo
  echo "Written by \`make bench\` (bench/run.sh). Medians of $ROUNDS rounds"
  echo "with min–max; each figure is our path against a limit measured in the same run."
  echo
  echo "| | |"
  echo "|---|---|"
  echo "| date | $(date -u '+%Y-%m-%d %H:%M UTC') |"
  echo "| machine | $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1) |"
  echo "| system | $(. /etc/os-release; echo "$PRETTY_NAME"), Linux $(uname -r) |"
  echo "| khuyencong | $($KC --version) |"
  echo "| versions | SQLite $(sqlite3 --version | cut -d' ' -f1), libmicrohttpd $(dpkg-query -W -f='${Version}' libmicrohttpd12 2>/dev/null), $(nginx -v 2>&1 | sed 's|nginx version: ||'), $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2), $(cc --version | head -1) |"
  echo "| data | $gen_line |"
  echo "| database | $db_mb MB: $rows |"
  echo "| load | wrk -t2 -c$CONNS, ${WRK_SECONDS} s a run, over loopback; server: 2 worker threads (one per core) |"
  echo
  echo "| figure | median | min–max | goal | |"
  echo "|---|---|---|---|---|"
  goal api_list_overhead "≤ 1.5 × raw SQL" "v <= 1.5"
  goal api_detail_overhead "≤ 1.5 × raw SQL" "v <= 1.5"
  goal api_search_overhead "(reported)" "1"
  goal api_list_server_ms "" "1"
  goal api_list_raw_ms "" "1"
  goal api_detail_server_ms "" "1"
  goal api_detail_raw_ms "" "1"
  goal api_search_server_ms "≤ 1 ms (first page, 1 000 000 names)" "v <= 1"
  goal api_search_raw_ms "" "1"
  goal report_national_overhead "≤ 2 × its aggregate SQL" "v <= 2"
  for k in report_national report_phase; do
    goal ${k}_sql_ms "" "1"
    echo "| \`${k}_queries\` | $(get ${k}_queries) | | bounded | |"
    for f in json xlsx pdf; do
      goal ${k}_${f}_ms "" "1"
      goal ${k}_${f}_overhead "" "1"
    done
  done
  goal http_vs_nginx "≥ 0.9 × nginx (static answer: /healthz)" "v >= 0.9"
  goal http_healthz_rps "" "1"
  goal nginx_healthz_rps "" "1"
  goal api_list_rps "" "1"
  goal nginx_list_rps "" "1"
  goal api_list_vs_nginx "(the same bytes from a file)" "1"
  goal api_list_p50_ms "" "1"
  goal api_list_p99_ms "≤ 10 ms at 32 connections" "v <= 10"
  goal api_detail_rps "" "1"
  goal api_detail_p50_ms "" "1"
  goal api_detail_p99_ms "" "1"
  goal rss_mb_idle "" "1"
  goal rss_mb_load "< 150 MB under load" "v < 150"
  goal import_csv_ratio "≥ 0.6 × raw prepared inserts (1 run)" "v >= 0.6"
  goal import_csv_rows_per_s "" "1"
  goal import_raw_rows_per_s "" "1"
  echo "| \`import_xlsx_ratio\` | not measured | | | bench_import writes CSV only |"
  echo "| \`dashboard_ms\` | not measured | | < 5 ms a province-year | no dashboard totals yet |"
  echo "| PostgreSQL | not measured | | both backends | issue 8 not landed |"
  echo "<!-- end make bench -->"
} > "$VAR/section.md"
# Keeps what else bench/results.md records (the import's own history): the
# section replaces its previous copy, or goes first after the file's header.
awk -v sec="$VAR/section.md" '
  function put() { while ((getline l < sec) > 0) print l; close(sec); done = 1 }
  /^<!-- make bench:/ { skip = 1; put(); next }
  /^<!-- end make bench -->/ { skip = 0; next }
  skip { next }
  !done && /^## / { put(); print "" }
  { print }
  END { if (!done) put() }' "$OUT" > "$VAR/results.md" && mv "$VAR/results.md" "$OUT"
say "bench: wrote $OUT"
