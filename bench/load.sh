#!/usr/bin/env bash
# Gateway load test: the GET lists a dashboard polls, through the gateway with a valid token, at a fixed total rate,
# with `hey` (Debian package `hey`, installed here if missing). Prints p50, p99 and errors per endpoint and overall,
# and the CPU seconds each process of the stack used meanwhile.
#   bench/load.sh                  starts its own stack (bench/var/stack-load, BENCH_PORT_OFFSET, default 700),
#                                  loads a small customers file so the lists are not empty, runs, stops the stack
#   LOAD_GATEWAY=http://localhost:9180 LOAD_VAR=<the stack's DATAOPS_VAR_DIR> bench/load.sh
#                                  against a running stack (its API rate limit must allow the rate, see below)
#   LOAD_RATE=500                  requests per second in total, spread evenly over the endpoints
#   LOAD_SECONDS=60                duration
#   LOAD_SEED_ROWS=20000           rows of the customers file loaded first (own stack only)
# The gateway's per-user API limit (dataops.gateway.rate-limit.api-per-minute, 300 by default, gateway README) is
# the limit of one person's browser; one token sending 500 requests/s is 30,000 a minute, so the own stack is started
# with DATAOPS_GATEWAY_RATE_LIMIT_API_PER_MINUTE=1000000. Every request still passes the limit's Redis check, so its
# cost is measured; only the threshold is out of reach. The login limits are untouched (one login).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
RATE="${LOAD_RATE:-500}"
SECONDS_TO_RUN="${LOAD_SECONDS:-60}"
WORK="$ROOT/bench/var"
TCK=$(getconf CLK_TCK)
mkdir -p "$WORK"

if ! command -v hey >/dev/null 2>&1; then
  echo "installing hey (Debian package)"
  apt-get update -qq && apt-get install -y -qq hey
fi

own_stack=0
if [[ -z "${LOAD_GATEWAY:-}" ]]; then
  own_stack=1
  OFFSET="${BENCH_PORT_OFFSET:-700}"
  VAR="$WORK/stack-load"
  G="http://localhost:$((8080 + OFFSET))"
  rm -rf "$VAR"
  [[ -f ingest-service/target/quarkus-app/quarkus-run.jar ]] ||
    ./mvnw -B -q -DskipTests -pl gateway-service,ingest-service,validation-service,loader-service,job-service,report-service -am package
  # a stack that fails to start or a run that stops half-way leaves no processes behind
  trap 'DATAOPS_VAR_DIR="$VAR" DATAOPS_PORT_OFFSET="$OFFSET" ./dataops down > /dev/null 2>&1 || true' EXIT
  DATAOPS_VAR_DIR="$VAR" DATAOPS_PORT_OFFSET="$OFFSET" DATAOPS_SKIP_BUILD=1 \
    DATAOPS_GATEWAY_RATE_LIMIT_API_PER_MINUTE=1000000 ./dataops up > "$WORK/up-load.log"
else
  G="$LOAD_GATEWAY"
  VAR="${LOAD_VAR:?set LOAD_VAR to the DATAOPS_VAR_DIR of the running stack (for its admin-password)}"
fi

json_field() { grep -o "\"$1\":[0-9]*" | head -n 1 | cut -d: -f2; }
TOKEN=$(curl -sf -X POST "$G/api/auth/login" -H 'Content-Type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$(cat "$VAR/admin-password")\"}" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
[[ -n "$TOKEN" ]] || { echo "login failed at $G" >&2; exit 1; }

if ((own_stack)); then
  rows="${LOAD_SEED_ROWS:-20000}"
  seed="$WORK/customers_$rows.csv"
  [[ -f "$seed" ]] || python3 bench/generate.py "$rows" "$seed"
  file_id=$(curl -sf -X POST "$G/api/data/upload" -H "Authorization: Bearer $TOKEN" -F "file=@$seed" | json_field id)
  job_id=$(curl -sf -X POST "$G/api/data/files/$file_id/process" -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: application/json' \
    -d '{"target_table":"customers","validation_rules":{"required_fields":["customer_code","name"],"email_format":["email"],"positive_numbers":["credit_limit"]}}' \
    | json_field job_id)
  until curl -sf "$G/api/jobs/$job_id" -H "Authorization: Bearer $TOKEN" | grep -q '"status":"\(completed\|failed\)"'; do
    sleep 1
  done
else
  file_id=$(curl -sf "$G/api/data/files?limit=1" -H "Authorization: Bearer $TOKEN" | grep -o '"id":[0-9]*' | head -n 1 | cut -d: -f2)
fi

# what a dashboard polls: its stats, the job and file lists, the errors across files and of one file, the loaded rows
ENDPOINTS=(
  "/api/dashboard/stats"
  "/api/jobs?limit=20"
  "/api/data/files?limit=20"
  "/api/data/errors?limit=20"
  "/api/data/files/${file_id:-1}/errors?limit=20"
)
per_endpoint=$(( RATE / ${#ENDPOINTS[@]} ))
# hey paces each worker at -q requests/s; 10 requests/s a worker leaves 100 ms per answer before it falls behind
workers=$(( (per_endpoint + 9) / 10 ))
per_worker=$(echo "$per_endpoint / $workers" | bc -l)
for e in "${ENDPOINTS[@]}"; do
  code=$(curl -s -o /dev/null -w '%{http_code}' "$G$e" -H "Authorization: Bearer $TOKEN")
  [[ "$code" == 200 ]] || echo "warning: $e answers $code before the test"
done

cpu_ticks() {
  local f
  for f in "$VAR"/run/*.pid; do
    printf '%s=%s ' "$(basename "$f" .pid)" "$(awk '{print $14 + $15}' "/proc/$(cat "$f")/stat" 2>/dev/null || echo 0)"
  done
}

echo "load: ${#ENDPOINTS[@]} endpoints x $per_endpoint requests/s ($workers workers each) = $(( per_endpoint * ${#ENDPOINTS[@]} )) requests/s for $SECONDS_TO_RUN s through $G"
out="$WORK/load-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"
before=$(cpu_ticks)
pids=()
for i in "${!ENDPOINTS[@]}"; do
  hey -z "${SECONDS_TO_RUN}s" -c "$workers" -q "$per_worker" -t 5 -o csv \
    -H "Authorization: Bearer $TOKEN" "$G${ENDPOINTS[$i]}" > "$out/$i.csv" 2> "$out/$i.err" &
  pids+=($!)
done
# hey keeps no bodies: one request a second beside the load keeps the problem body of any refusal, for its code
while any=0; for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && any=1; done; ((any)); do
  curl -s -o "$out/sample.json" -w '%{http_code}\n' "$G${ENDPOINTS[1]}" -H "Authorization: Bearer $TOKEN" |
    grep -q '^2' || grep -o '"code":"[A-Z_]*"' "$out/sample.json" >> "$out/refusals.txt" || true
  sleep 1
done
for p in "${pids[@]}"; do wait "$p" || true; done
after=$(cpu_ticks)

# hey's CSV lists the requests that were answered (response time in s, status code); a request that met a transport
# error or a timeout is not in it, so the shortfall against the paced count is counted as errors too
python3 - "$out" "$SECONDS_TO_RUN" "$per_endpoint" "${ENDPOINTS[@]}" <<'EOF'
import csv, sys
out, seconds, rate, endpoints = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4:]

def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p / 100))] * 1000 if values else float('nan')

def line(name, lat, bad, missing, expected):
    print(f"  {name:<40} {len(lat) + 0:>7} answered  {len(lat) / seconds:6.0f}/s  p50 {pct(lat, 50):6.1f} ms  "
          f"p99 {pct(lat, 99):6.1f} ms  max {max(lat) * 1000 if lat else 0:7.1f} ms  errors {bad + missing}"
          f" ({bad} non-2xx, {missing} short of the {expected} paced: failed, or a worker fell behind on slow answers)")

all_lat, all_bad, all_missing, all_expected = [], 0, 0, 0
for i, e in enumerate(endpoints):
    lat, bad, codes = [], 0, {}
    with open(f"{out}/{i}.csv") as f:
        for row in csv.DictReader(f):
            lat.append(float(row["response-time"]))
            codes[row["status-code"]] = codes.get(row["status-code"], 0) + 1
            if not row["status-code"].startswith("2"):
                bad += 1
    expected = rate * seconds
    missing = max(0, expected - len(lat))
    line(e, lat, bad, missing, expected)
    if bad:
        print("  " + " " * 40 + " status codes: " + ", ".join(f"{c} x{n}" for c, n in sorted(codes.items())))
    all_lat += lat; all_bad += bad; all_missing += missing; all_expected += expected
line("overall", all_lat, all_bad, all_missing, all_expected)
EOF
printf '  CPU s during the load:'
for p in $(echo "$after" | tr ' ' '\n' | cut -d= -f1); do
  b=$(echo " $before" | grep -o " $p=[0-9]*" | cut -d= -f2)
  a=$(echo " $after" | grep -o " $p=[0-9]*" | cut -d= -f2)
  [[ -n "$b" && -n "$a" ]] && printf ' %s %.1f;' "$p" "$(echo "($a - $b) / $TCK" | bc -l)"
done
echo
[[ ! -s "$out/refusals.txt" ]] || echo "  codes of the refusals sampled beside the load: $(sort "$out/refusals.txt" | uniq -c | tr -s ' \n' ' ')"
echo "  raw per-request figures: $out"
