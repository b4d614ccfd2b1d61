#!/usr/bin/env bash
# DataOps benchmark: the full chain (gateway -> ingest -> Kafka -> validation -> loader, real broker, H2 files)
# against the single-process baseline, on a generated customers file with 2% bad rows, then a generated orders
# JSON file (nested items, 1% unknown customers, 1% bad items) into ORDERS and ORDER_ITEMS.
#   bench/run.sh [rows ...]      default: 1000000 5000000
#   BENCH_ORDERS=n               orders per size (default rows/10; 0 skips the orders file)
#   BENCH_WARM=0                 skip the second customers file of each size (same size, other keys, same stack)
#   BENCH_TIMELINE=1             also print, every 5 s, the job's rows validated and loaded so far
# Prints per size: end-to-end rows/s, seconds from the process request to the first error visible through the API,
# peak RSS (VmHWM) of each service; the orders file's rows/s and its error count against the expected count;
# then the baseline's rows/s on the first size and the ratio (BENCH_BASELINE=0 skips it).
# Figures go in docs/benchmarks.md.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
SIZES=("${@:-1000000 5000000}")
read -r -a SIZES <<< "${SIZES[*]}"
OFFSET="${BENCH_PORT_OFFSET:-700}"
WORK="$ROOT/bench/var"
G="http://localhost:$((8080 + OFFSET))"
mkdir -p "$WORK"

[[ -f ingest-service/target/quarkus-app/quarkus-run.jar ]] || ./mvnw -q -DskipTests install

login() {
  curl -sf -X POST "$G/api/auth/login" -H 'Content-Type: application/json' \
    -d "{\"username\":\"admin\",\"password\":\"$(cat "$VAR/admin-password")\"}" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p'
}
json_field() { grep -o "\"$1\":[0-9]*" | head -n 1 | cut -d: -f2; }
PROCESSES=(gateway ingest validation loader job report kafka)
# CPU seconds (user + system) each process has used so far, as "name=ticks ..."
cpu_ticks() {
  local p
  for p in "${PROCESSES[@]}"; do
    printf '%s=%s ' "$p" "$(awk '{print $14 + $15}' "/proc/$(cat "$VAR/run/$p.pid")/stat")"
  done
}

# peak_rss <rows> <when>: each service's VmHWM, the most resident memory it has had since it started
peak_rss() {
  local s
  printf '%s rows: peak RSS %s' "$1" "$2"
  for s in gateway ingest validation loader job report; do
    printf ' %s %d MiB;' "$s" $(( $(awk '/VmHWM/ {print $2}' "/proc/$(cat "$VAR/run/$s.pid")/status") / 1024 ))
  done
  echo
}

run_size() {
  local rows=$1 file="$WORK/customers_$1.csv" warm_file="$WORK/customers_W_$1.csv"
  [[ -f "$file" ]] || python3 bench/generate.py "$rows" "$file"
  VAR="$WORK/stack-$rows"
  rm -rf "$VAR"
  export DATAOPS_VAR_DIR="$VAR" DATAOPS_PORT_OFFSET="$OFFSET" DATAOPS_SKIP_BUILD=1 DATAOPS_GATEWAY_RATE_LIMIT_API_PER_MINUTE=1000000
  ./dataops up > "$WORK/up-$rows.log"
  local token
  token=$(login)
  run_customers "$rows" cold "$file" "$token"
  E2E_RATE[$rows]=$LAST_RATE
  if [[ "${BENCH_WARM:-1}" == 1 ]]; then
    # the same stack again, now that its JIT compilers have seen the code: the platform's usual state
    [[ -f "$warm_file" ]] || python3 bench/generate.py "$rows" "$warm_file" W
    run_customers "$rows" warm "$warm_file" "$token"
    WARM_RATE[$rows]=$LAST_RATE
  fi
  if [[ "${BENCH_ORDERS:-}" != 0 ]]; then
    run_orders "$rows" "$token"
    peak_rss "$rows" "after the orders file"
  fi
  ./dataops down > /dev/null
}

# run_customers <rows> <label> <file> <token>: upload, process with the rules of docs/product-spec.md §6.2 (Process), poll to the end; sets LAST_RATE
run_customers() {
  local rows=$1 label=$2 file=$3 token=$4
  local file_id job_id start first_error="" status="" now job last_tick=0 cpu_before
  file_id=$(curl -sf -X POST "$G/api/data/upload" -H "Authorization: Bearer $token" -F "file=@$file" | json_field id)
  cpu_before=$(cpu_ticks)
  start=$(date +%s.%N)
  job_id=$(curl -sf -X POST "$G/api/data/files/$file_id/process" -H "Authorization: Bearer $token" \
    -H 'Content-Type: application/json' \
    -d '{"target_table":"customers","validation_rules":{"required_fields":["customer_code","name"],"email_format":["email"],"positive_numbers":["credit_limit"]}}' \
    | json_field job_id)
  while :; do
    now=$(date +%s.%N)
    if [[ -z "$first_error" ]] && [[ "$(curl -sf "$G/api/data/files/$file_id/errors?limit=1" -H "Authorization: Bearer $token" | json_field total)" -gt 0 ]]; then
      first_error=$(echo "$now - $start" | bc)
    fi
    job=$(curl -sf "$G/api/jobs/$job_id" -H "Authorization: Bearer $token")
    status=$(echo "$job" | grep -o '"status":"[a-z]*"' | head -n 1 | cut -d'"' -f4)
    [[ "$status" == completed || "$status" == failed ]] && break
    (( $(echo "$now - $start > 3600" | bc) )) && { echo "timed out"; break; }
    if [[ "${BENCH_TIMELINE:-0}" == 1 ]] && (( $(echo "$now - $last_tick >= 5" | bc) )); then
      last_tick=$now
      printf '  %6.1f s: validated %s, loaded %s\n' "$(echo "$now - $start" | bc)" \
        "$(echo "$job" | json_field rows_read)" "$(echo "$job" | json_field rows_loaded)"
    fi
    sleep 0.5
  done
  local seconds progress cpu_after p before after
  seconds=$(echo "$(date +%s.%N) - $start" | bc)
  cpu_after=$(cpu_ticks)
  progress=$(curl -sf "$G/api/jobs/$job_id" -H "Authorization: Bearer $token" | grep -o '"progress":{[^}]*}')
  printf '%s rows (%s): job %s, %s, %.1f s, %.0f rows/s end to end, first error visible after %.2f s\n' \
    "$rows" "$label" "$status" "$progress" "$seconds" "$(echo "$rows / $seconds" | bc -l)" "${first_error:-0}"
  printf '%s rows (%s): CPU seconds during the run' "$rows" "$label"
  for p in "${PROCESSES[@]}"; do
    before=$(echo "$cpu_before" | grep -o "$p=[0-9]*" | cut -d= -f2)
    after=$(echo "$cpu_after" | grep -o "$p=[0-9]*" | cut -d= -f2)
    printf ' %s %.1f;' "$p" "$(echo "($after - $before) / $(getconf CLK_TCK)" | bc -l)"
  done
  echo
  peak_rss "$rows" "after the $label file"
  LAST_RATE=$(echo "$rows / $seconds" | bc -l)
}

# The orders file after the customers it references: rows/s (orders, with their items) and errors recorded.
run_orders() {
  local customers=$1 token=$2 orders="${BENCH_ORDERS:-$(( $1 / 10 ))}"
  local file="$WORK/orders_${orders}_of_$customers.json" expected
  expected=$(python3 bench/generate.py orders "$orders" "$file" "$customers")
  local file_id job_id start status="" errors=0 want
  want=$(( $(echo "$expected" | sed -n 's/.*unknown_customers=\([0-9]*\).*/\1/p') \
         + $(echo "$expected" | sed -n 's/.*bad_items=\([0-9]*\).*/\1/p') ))
  file_id=$(curl -sf -X POST "$G/api/data/upload" -H "Authorization: Bearer $token" -F "file=@$file;type=application/json" | json_field id)
  start=$(date +%s.%N)
  job_id=$(curl -sf -X POST "$G/api/data/files/$file_id/process" -H "Authorization: Bearer $token" \
    -H 'Content-Type: application/json' -d '{"target_table":"orders"}' | json_field job_id)
  while :; do
    status=$(curl -sf "$G/api/jobs/$job_id" -H "Authorization: Bearer $token" | grep -o '"status":"[a-z]*"' | head -n 1 | cut -d'"' -f4)
    [[ "$status" == completed || "$status" == failed ]] && break
    (( $(echo "$(date +%s.%N) - $start > 3600" | bc) )) && { echo "timed out"; break; }
    sleep 0.5
  done
  local seconds
  seconds=$(echo "$(date +%s.%N) - $start" | bc)
  # a completed job's errors are all recorded (ADR 0007): one read, no waiting
  errors=$(curl -sf "$G/api/data/files/$file_id/errors?limit=1" -H "Authorization: Bearer $token" | json_field total)
  printf '%s orders: job %s, %.1f s, %.0f orders/s end to end (with their items), %s errors (expected %s: %s)\n' \
    "$orders" "$status" "$seconds" "$(echo "$orders / $seconds" | bc -l)" "${errors:-0}" "$want" "$expected"
}

declare -A E2E_RATE WARM_RATE
for rows in "${SIZES[@]}"; do run_size "$rows"; done

[[ "${BENCH_BASELINE:-1}" == 1 ]] || exit 0
first="${SIZES[0]}"
CP="$(./mvnw -q -o dependency:build-classpath -pl loader-service,validation-service,ingest-service -Dmdep.outputFile=/dev/stdout 2>/dev/null | tr '\n' ':')"
# this checkout's classes first: the local repository may hold older common-model and platform snapshots
CP="ingest-service/target/classes:validation-service/target/classes:loader-service/target/classes:common-model/target/classes:platform/target/classes:$CP"
rm -rf "$WORK/baseline-db"
baseline=$(java -Xmx512m -cp "$CP" bench/Baseline.java "$WORK/customers_$first.csv" "$WORK/baseline-db")
echo "$first rows: $baseline"
base_rate=$(echo "$baseline" | sed -n 's/.*rows_per_s=\([0-9]*\).*/\1/p')
printf '%s rows: ratio end-to-end / baseline = %.2f on a cold stack (target >= 0.6)\n' "$first" "$(echo "${E2E_RATE[$first]} / $base_rate" | bc -l)"
[[ -z "${WARM_RATE[$first]:-}" ]] || printf '%s rows: ratio end-to-end / baseline = %.2f on a warm stack (target >= 0.6)\n' "$first" "$(echo "${WARM_RATE[$first]} / $base_rate" | bc -l)"
