#!/usr/bin/env bash
# DataOps benchmark: the full chain (gateway -> ingest -> Kafka -> validation -> loader, real broker, the stack's
# database) against the single-process baseline, on a generated customers file with 2% bad rows, then a generated
# orders JSON file (nested items, 1% unknown customers, 1% bad items) into ORDERS and ORDER_ITEMS.
#   bench/run.sh [rows ...]      default: 1000000 5000000, all on one stack, in the order given
#   BENCH_REPLICAS="1 2"         replicas of validation and of the loader; one stack per value, in turn (default 1;
#                                n >= 2 starts the stack with DATAOPS_REPLICAS="validation=n,loader=n")
#   BENCH_ORDERS=n               orders after the first size (default rows/10; 0 skips the orders file)
#   BENCH_WARM=0                 skip the second customers file of the first size (same size, other keys)
#   BENCH_BASELINE=0             skip the baseline
#   BENCH_FRESH_STACK=1          a new stack for each size instead of one for all
#   BENCH_TIMELINE=1             also print, every 5 s, the job's rows validated and loaded so far
#   BENCH_PORT_OFFSET=n          the stack's port offset (default 700)
# Prints per customers file: end-to-end rows/s and seconds to the first error visible through the API; the CPU
# seconds of every process during the file (each replica, the broker, Redis and the database server if the stack
# runs one) and the same per million rows, summed per stage; the chain's total CPU seconds against the baseline's
# for a file of the same size, and the ratio of the rates; peak RSS (VmHWM) of every process after it, and after
# the last size each one's growth since the first. The orders file's rows/s and its errors against the expected
# count. Figures go in docs/benchmarks.md.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
SIZES=("${@:-1000000 5000000}")
read -r -a SIZES <<< "${SIZES[*]}"
read -r -a REPLICA_COUNTS <<< "${BENCH_REPLICAS:-1}"
OFFSET="${BENCH_PORT_OFFSET:-700}"
WORK="$ROOT/bench/var"
G="http://localhost:$((8080 + OFFSET))"
TCK=$(getconf CLK_TCK)
mkdir -p "$WORK"

[[ -f ingest-service/target/quarkus-app/quarkus-run.jar ]] ||
  ./mvnw -B -q -DskipTests -pl gateway-service,ingest-service,validation-service,loader-service,job-service,report-service -am package

login() {
  curl -sf -X POST "$G/api/auth/login" -H 'Content-Type: application/json' \
    -d "{\"username\":\"admin\",\"password\":\"$(cat "$VAR/admin-password")\"}" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p'
}
# An access token lives 15 minutes (dataops.gateway.access-token-ttl) and a file on a busy machine can take longer:
# fresh_token signs in again when the current one is 10 minutes old.
TOKEN_AT=0
fresh_token() {
  if (( $(date +%s) - TOKEN_AT > 600 )); then
    TOKEN=$(login)
    TOKEN_AT=$(date +%s)
  fi
}
json_field() { grep -o "\"$1\":[0-9]*" | head -n 1 | cut -d: -f2; }
calc() { echo "$1" | bc -l; }

# Every process of the stack with a pid file: the services (replica k >= 2 of a stage is named <stage>-k), kafka,
# redis and, where the stack runs one, the database server (h2). Read after each `up`.
processes() {
  local f
  for f in "$VAR"/run/*.pid; do basename "$f" .pid; done
}
# stage_of validation-2 -> validation
stage_of() { [[ "$1" =~ ^(.*)-[0-9]+$ ]] && echo "${BASH_REMATCH[1]}" || echo "$1"; }
# CPU clock ticks (user + system) each process has used so far, as "name=ticks ..."
cpu_ticks() {
  local p
  for p in $(processes); do
    printf '%s=%s ' "$p" "$(awk '{print $14 + $15}' "/proc/$(cat "$VAR/run/$p.pid")/stat" 2>/dev/null || echo 0)"
  done
}
ticks_of() { echo "$2" | grep -o "\(^\| \)$1=[0-9]*" | cut -d= -f2; }
# cpu_seconds <name> <before> <after>
cpu_seconds() { calc "($(ticks_of "$1" "$3") - $(ticks_of "$1" "$2")) / $TCK"; }
rss_mib() { echo $(( $(awk '/VmHWM/ {print $2}' "/proc/$(cat "$VAR/run/$1.pid")/status") / 1024 )); }

# peak_rss <rows> <when>: VmHWM of every process, the most resident memory it has had since it started; the
# services' figures are kept in RSS_<size> for the growth line
peak_rss() {
  local p line="" db=""
  for p in $(processes); do
    case "$p" in
      kafka|redis) ;;
      h2) db=" (database server h2: $(rss_mib h2) MiB)" ;;
      *) line+=" $p $(rss_mib "$p") MiB;"; RSS["$1,$p"]=$(rss_mib "$p") ;;
    esac
  done
  echo "$1 rows: peak RSS $2:$line kafka $(rss_mib kafka) MiB$db"
}

# cpu_report <rows> <label> <before> <after>: CPU seconds per process and stage, per million rows; sets CHAIN_CPU
cpu_report() {
  local rows=$1 label=$2 before=$3 after=$4 p s total=0 per_stage="" stage replicas seconds
  declare -A stage_cpu stage_list
  local stages=()
  for p in $(processes); do
    seconds=$(cpu_seconds "$p" "$before" "$after")
    stage=$(stage_of "$p")
    [[ -n "${stage_cpu[$stage]:-}" ]] || { stages+=("$stage"); stage_cpu[$stage]=0; }
    stage_cpu[$stage]=$(calc "${stage_cpu[$stage]} + $seconds")
    stage_list[$stage]+="$(printf '%s %.1f, ' "$p" "$seconds")"
    total=$(calc "$total + $seconds")
  done
  printf '%s rows (%s): CPU s during the file:' "$rows" "$label"
  for s in "${stages[@]}"; do
    replicas="${stage_list[$s]%, }"
    if [[ "$replicas" == *,* ]]; then
      printf ' %s %.1f (%s);' "$s" "${stage_cpu[$s]}" "$replicas"
    else
      printf ' %s %.1f;' "$s" "${stage_cpu[$s]}"
    fi
  done
  printf ' chain total %.1f\n' "$total"
  printf '%s rows (%s): CPU s per million rows:' "$rows" "$label"
  for s in "${stages[@]}"; do printf ' %s %.1f;' "$s" "$(calc "${stage_cpu[$s]} * 1000000 / $rows")"; done
  printf ' chain total %.1f\n' "$(calc "$total * 1000000 / $rows")"
  CHAIN_CPU=$total
}

# The baseline on the stack's own database: the H2 server in a schema of its own where the stack runs one
# (its sa password in $VAR/h2/admin-password), else an H2 file of its own. Sets BASE_RATE and BASE_CPU (its JVM's
# CPU seconds plus the database server's during its run).
run_baseline() {
  local rows=$1 file=$2 url user=() before after out db_cpu=0
  local cp="" m
  # the services' own jars (the loader's statement class comes from the loader's jar) and their libraries
  for m in loader validation ingest; do cp+="$m-service/target/quarkus-app/app/*:"; done
  for m in loader validation ingest; do cp+="$m-service/target/quarkus-app/lib/main/*:"; done
  if [[ -f "$VAR/run/h2.pid" ]]; then
    url="${BENCH_DB_URL:-jdbc:h2:tcp://127.0.0.1:$((9094 + OFFSET))/dataops};MODE=Oracle;DEFAULT_NULL_ORDERING=HIGH"
    user=(sa "$VAR/h2/admin-password")
  else
    rm -rf "$WORK/baseline-db"
    url="jdbc:h2:file:$WORK/baseline-db/baseline;MODE=Oracle;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0"
  fi
  before=$(cpu_ticks)
  # 5M rows: the validator keeps the file's keys in memory, more than 512 MiB
  out=$(java "-Xmx$( ((rows > 1000000)) && echo 3g || echo 512m)" -cp "$cp" bench/Baseline.java "$file" "$url" "${user[@]}")
  after=$(cpu_ticks)
  [[ -f "$VAR/run/h2.pid" ]] && db_cpu=$(cpu_seconds h2 "$before" "$after")
  BASE_RATE=$(echo "$out" | sed -n 's/.*rows_per_s=\([0-9]*\).*/\1/p')
  BASE_CPU=$(calc "$(echo "$out" | sed -n 's/.*cpu_s=\([0-9.]*\).*/\1/p') + $db_cpu")
  printf '%s rows: %s, %s, total CPU s %.1f (%.1f per million rows)\n' "$rows" "$out" \
    "$([[ -f "$VAR/run/h2.pid" ]] && printf 'database server CPU s %.1f' "$db_cpu" || echo 'database in its own JVM (an H2 file)')" \
    "$BASE_CPU" "$(calc "$BASE_CPU * 1000000 / $rows")"
}

compare() {
  local rows=$1 label=$2 rate=$3 cpu=$4 target=$5
  printf '%s rows (%s): end to end / baseline = %.2f (target >= %s); chain CPU s / baseline CPU s = %.1f / %.1f = %.2f (target <= 1.5)\n' \
    "$rows" "$label" "$(calc "$rate / $BASE_RATE")" "$target" "$cpu" "$BASE_CPU" "$(calc "$cpu / $BASE_CPU")"
}

start_stack() {
  local replicas=$1 name=$2
  VAR="$WORK/stack-$name"
  rm -rf "$VAR"
  export DATAOPS_VAR_DIR="$VAR" DATAOPS_PORT_OFFSET="$OFFSET" DATAOPS_SKIP_BUILD=1
  # the script polls the job twice a second with one user; the gateway's per-user API limit (300 a minute by default)
  # would answer 429 long before the end of a 5M file
  export DATAOPS_GATEWAY_RATE_LIMIT_API_PER_MINUTE=1000000
  if ((replicas > 1)); then export DATAOPS_REPLICAS="validation=$replicas,loader=$replicas"; else unset DATAOPS_REPLICAS; fi
  # a stack that fails to start or a run that stops half-way leaves no processes behind
  trap './dataops down > /dev/null 2>&1 || true' EXIT
  ./dataops up > "$WORK/up-$name.log"
  local asked=0 found
  for found in validation loader; do
    asked=$(processes | grep -c "^$found\(-[0-9]*\)\?$" || true)
    ((asked == replicas)) || echo "warning: asked for $replicas replicas of $found, the stack runs $asked"
  done
  TOKEN_AT=0
  fresh_token
}

# run_size <rows> <first on this stack?>
run_size() {
  local rows=$1 first=$2 file="$WORK/customers_$1.csv" warm_file="$WORK/customers_W_$1.csv" label
  # a later size on the same stack needs keys no earlier file loaded (codes L..., not B... or W...)
  [[ "$first" == 1 ]] || file="$WORK/customers_L_$1.csv"
  [[ -f "$file" ]] || python3 bench/generate.py "$rows" "$file" "$([[ "$first" == 1 ]] && echo B || echo L)"
  # the first file meets freshly started JVMs; a later size on the same stack meets a running one
  label=$([[ "$first" == 1 ]] && echo cold || echo "running stack")
  run_customers "$rows" "$label" "$file"
  local rate=$LAST_RATE cpu=$CHAIN_CPU warm_rate="" warm_cpu=""
  if [[ "$first" == 1 && "${BENCH_WARM:-1}" == 1 ]]; then
    # the same stack again, now that its JIT compilers have seen the code: the platform's usual state
    [[ -f "$warm_file" ]] || python3 bench/generate.py "$rows" "$warm_file" W
    run_customers "$rows" warm "$warm_file"
    warm_rate=$LAST_RATE warm_cpu=$CHAIN_CPU
  fi
  if [[ "${BENCH_BASELINE:-1}" == 1 ]]; then
    run_baseline "$rows" "$file"
    compare "$rows" "$label" "$rate" "$cpu" "$([[ "$label" == cold ]] && echo 0.6 || echo 0.9)"
    [[ -z "$warm_rate" ]] || compare "$rows" warm "$warm_rate" "$warm_cpu" 0.9
  fi
  # the orders reference the customers of the first file (codes B...), which only the first size on a stack loads
  if [[ "${BENCH_ORDERS:-}" != 0 && "$first" == 1 ]]; then
    run_orders "$rows"
    peak_rss "$rows" "after the orders file"
  fi
}

# run_customers <rows> <label> <file>: upload, process with the rules of docs/product-spec.md §6.2 (Process), poll to
# the end; sets LAST_RATE and CHAIN_CPU
run_customers() {
  local rows=$1 label=$2 file=$3
  local file_id job_id start first_error="" status="" now job last_tick=0 cpu_before
  fresh_token
  file_id=$(curl -sf -X POST "$G/api/data/upload" -H "Authorization: Bearer $TOKEN" -F "file=@$file" | json_field id)
  cpu_before=$(cpu_ticks)
  start=$(date +%s.%N)
  job_id=$(curl -sf -X POST "$G/api/data/files/$file_id/process" -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: application/json' \
    -d '{"target_table":"customers","validation_rules":{"required_fields":["customer_code","name"],"email_format":["email"],"positive_numbers":["credit_limit"]}}' \
    | json_field job_id)
  while :; do
    fresh_token
    now=$(date +%s.%N)
    if [[ -z "$first_error" ]] && [[ "$(curl -sf "$G/api/data/files/$file_id/errors?limit=1" -H "Authorization: Bearer $TOKEN" | json_field total)" -gt 0 ]]; then
      first_error=$(calc "$now - $start")
    fi
    job=$(curl -sf "$G/api/jobs/$job_id" -H "Authorization: Bearer $TOKEN")
    status=$(echo "$job" | grep -o '"status":"[a-z]*"' | head -n 1 | cut -d'"' -f4)
    [[ "$status" == completed || "$status" == failed ]] && break
    (( $(calc "$now - $start > 3600") )) && { echo "timed out"; break; }
    if [[ "${BENCH_TIMELINE:-0}" == 1 ]] && (( $(calc "$now - $last_tick >= 5") )); then
      last_tick=$now
      printf '  %6.1f s: validated %s, loaded %s\n' "$(calc "$now - $start")" \
        "$(echo "$job" | json_field rows_read)" "$(echo "$job" | json_field rows_loaded)"
    fi
    sleep 0.5
  done
  local seconds progress cpu_after
  seconds=$(calc "$(date +%s.%N) - $start")
  cpu_after=$(cpu_ticks)
  progress=$(curl -sf "$G/api/jobs/$job_id" -H "Authorization: Bearer $TOKEN" | grep -o '"progress":{[^}]*}')
  printf '%s rows (%s): job %s, %s, %.1f s, %.0f rows/s end to end, first error visible after %.2f s\n' \
    "$rows" "$label" "$status" "$progress" "$seconds" "$(calc "$rows / $seconds")" "${first_error:-0}"
  cpu_report "$rows" "$label" "$cpu_before" "$cpu_after"
  peak_rss "$rows" "after the file ($label)"
  LAST_RATE=$(calc "$rows / $seconds")
}

# The orders file after the customers it references: rows/s (orders, with their items) and errors recorded.
run_orders() {
  local customers=$1 orders="${BENCH_ORDERS:-$(( $1 / 10 ))}"
  local file="$WORK/orders_${orders}_of_$customers.json" expected
  expected=$(python3 bench/generate.py orders "$orders" "$file" "$customers")
  local file_id job_id start status="" errors=0 want
  want=$(( $(echo "$expected" | sed -n 's/.*unknown_customers=\([0-9]*\).*/\1/p') \
         + $(echo "$expected" | sed -n 's/.*bad_items=\([0-9]*\).*/\1/p') ))
  fresh_token
  file_id=$(curl -sf -X POST "$G/api/data/upload" -H "Authorization: Bearer $TOKEN" -F "file=@$file;type=application/json" | json_field id)
  start=$(date +%s.%N)
  job_id=$(curl -sf -X POST "$G/api/data/files/$file_id/process" -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: application/json' -d '{"target_table":"orders"}' | json_field job_id)
  while :; do
    fresh_token
    status=$(curl -sf "$G/api/jobs/$job_id" -H "Authorization: Bearer $TOKEN" | grep -o '"status":"[a-z]*"' | head -n 1 | cut -d'"' -f4)
    [[ "$status" == completed || "$status" == failed ]] && break
    (( $(calc "$(date +%s.%N) - $start > 3600") )) && { echo "timed out"; break; }
    sleep 0.5
  done
  local seconds
  seconds=$(calc "$(date +%s.%N) - $start")
  # a completed job's errors are all recorded (ADR 0007): one read, no waiting
  errors=$(curl -sf "$G/api/data/files/$file_id/errors?limit=1" -H "Authorization: Bearer $TOKEN" | json_field total)
  printf '%s orders: job %s, %.1f s, %.0f orders/s end to end (with their items), %s errors (expected %s: %s)\n' \
    "$orders" "$status" "$seconds" "$(calc "$orders / $seconds")" "${errors:-0}" "$want" "$expected"
}

# rss_growth <from rows> <to rows>: each service's peak RSS after the larger file against after the smaller one
rss_growth() {
  local from=$1 to=$2 p line="" over=""
  for p in $(processes); do
    [[ -n "${RSS[$from,$p]:-}" && -n "${RSS[$to,$p]:-}" ]] || continue
    line+=$(printf ' %s %s -> %s MiB (%+.1f %%);' "$p" "${RSS[$from,$p]}" "${RSS[$to,$p]}" \
      "$(calc "(${RSS[$to,$p]} - ${RSS[$from,$p]}) * 100 / ${RSS[$from,$p]}")")
    (( RSS[$to,$p] < 512 )) || over+=" $p"
  done
  echo "peak RSS after $to rows against after $from rows on the same stack (target: within 5 %, all under 512 MiB):$line"
  [[ -z "$over" ]] || echo "over 512 MiB:$over"
}

declare -A RSS
for replicas in "${REPLICA_COUNTS[@]}"; do
  echo "== validation and loader with $replicas replica(s) each"
  RSS=()
  first=1
  for rows in "${SIZES[@]}"; do
    if [[ "$first" == 1 || "${BENCH_FRESH_STACK:-0}" == 1 ]]; then
      [[ "$first" == 1 ]] || ./dataops down > /dev/null
      start_stack "$replicas" "$replicas-$rows"
      run_size "$rows" 1
    else
      run_size "$rows" 0
    fi
    first=0
  done
  if [[ "${BENCH_FRESH_STACK:-0}" != 1 ]] && ((${#SIZES[@]} > 1)); then
    rss_growth "${SIZES[0]}" "${SIZES[-1]}"
  fi
  ./dataops down > /dev/null
done
