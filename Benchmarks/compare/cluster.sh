#!/usr/bin/env bash
# Scale-out rows of Benchmarks/compare.sh: durable Put (16 B) and Range (1 key) at 256 requests in flight
# against
#   - cairnd on its embedded store (one process),
#   - one cairnd on PostgreSQL,
#   - three cairnd sharing that PostgreSQL database,
#   - a three-member etcd cluster on loopback ports,
# all on the same disk with fsync on (PostgreSQL with its defaults: fsync and synchronous_commit on).
# With N endpoints, N h2load processes run at once, each with 4 connections x 64/N streams, for DURATION
# seconds after a warm-up; throughput is their sum, latency percentiles come from their merged
# per-request logs, and every write is checked against the revision delta.
#
#   Benchmarks/compare/cluster.sh CAIRND KIT OUT      (called by compare.sh; also runs alone)
#
# Environment: DURATION (default 10 s per measurement), BASE_PORT (default 24900), ETCD_BIN.
set -euo pipefail

CAIRND=$1 KIT=$2 OUT=$3
DURATION=${DURATION:-10}
BASE_PORT=${BASE_PORT:-24900}
ETCD_BIN=${ETCD_BIN:-$(command -v etcd || echo /usr/bin/etcd)}
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2> /dev/null | sort -V | tail -n 1)
[ -x "$PG_BIN/initdb" ] || { echo "PostgreSQL server programs not found (apt install postgresql)" >&2; exit 1; }
WORK=$OUT/cluster
mkdir -p "$WORK"
PIDS=()
PG_DATA=$WORK/pg/data
PG_USER=$([ "$(id -u)" = 0 ] && echo postgres || true)
as_pg() { if [ -n "$PG_USER" ]; then /usr/sbin/runuser -u "$PG_USER" -- "$@"; else "$@"; fi; }
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2> /dev/null || true; done
    [ -d "$PG_DATA" ] && as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast stop > /dev/null 2>&1 || true
}
trap cleanup EXIT
log() { echo "[$(date -u +%H:%M:%S)] cluster: $*" >&2; }

wait_ready() { # endpoint
    for _ in $(seq 120); do
        python3 "$KIT/grpc_call.py" "$1" rev > /dev/null 2>&1 && return 0
        sleep 0.5
    done
    echo "$1 did not answer within 60 s" >&2
    exit 1
}
stop_all() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2> /dev/null || true; done
    for pid in "${PIDS[@]}"; do
        for _ in $(seq 100); do kill -0 "$pid" 2> /dev/null || break; sleep 0.1; done
    done
    PIDS=()
}

python3 "$KIT/grpc_body.py" put cluster/k --value-size 16 -o "$WORK/put.bin"
python3 "$KIT/grpc_body.py" range cluster/k -o "$WORK/range.bin"

# measure SETUP METHOD BODY ENDPOINT...: one table row.
measure() {
    local setup=$1 method=$2 body=$3
    shift 3
    local n=$# streams=$((64 / $#)) index=0 before after
    python3 "$KIT/grpc_call.py" "$1" Put "$WORK/put.bin" > /dev/null  # the key Range reads, and a check
    before=$(python3 "$KIT/grpc_call.py" "$1" rev)
    local pids=()
    for ep in "$@"; do
        index=$((index + 1))
        h2load -c 4 -m "$streams" -t 1 -D "$DURATION" --warm-up-time=2 -d "$WORK/$body" \
            -H 'content-type: application/grpc' -H 'te: trailers' --log-file="$WORK/$setup-$method-$index.log" \
            "http://$ep/etcdserverpb.KV/$method" > "$WORK/$setup-$method-$index.out" 2>&1 &
        pids+=($!)
    done
    for pid in "${pids[@]}"; do wait "$pid"; done
    after=$(python3 "$KIT/grpc_call.py" "$1" rev)
    python3 - "$setup" "$method" "$n" "$((after - before))" "$WORK" <<'PY'
import glob, re, sys
setup, method, n, delta, work = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
rps = succeeded = 0
durations = []
for index in range(1, n + 1):
    text = open(f"{work}/{setup}-{method}-{index}.out").read()
    rps += float(re.search(r"finished in [^,]+, ([\d.]+) req/s", text).group(1))
    succeeded += int(re.search(r"(\d+) succeeded", text).group(1))
    durations += [int(line.split()[2]) for line in open(f"{work}/{setup}-{method}-{index}.log") if line.strip()]
durations.sort()
p = lambda q: durations[min(len(durations) - 1, int(q * len(durations)))] / 1000.0
checked = "every write applied" if method != "Put" or delta >= succeeded else f"ONLY {delta} of {succeeded} writes applied"
if method != "Put":
    checked = "no revision change" if delta == 0 else f"revision moved by {delta}"
print(f"| {setup} | {method} @256 | {rps:,.0f} | {p(0.5):.2f} | {p(0.99):.2f} | {checked} |")
PY
}

ROWS=$WORK/rows.md
: > "$ROWS"
run_setup() { # SETUP ENDPOINT...
    local setup=$1
    shift
    for ep in "$@"; do wait_ready "$ep"; done
    log "$setup: Put and Range, ${DURATION} s each (load average $(cut -d' ' -f1 /proc/loadavg))"
    measure "$setup" Put put.bin "$@" >> "$ROWS"
    measure "$setup" Range range.bin "$@" >> "$ROWS"
    stop_all
}

# 1. cairnd on its embedded store.
P=$BASE_PORT
"$CAIRND" --data-dir "$WORK/embedded" --listen-client-urls "http://127.0.0.1:$P" --log-level warn \
    > "$WORK/embedded.log" 2>&1 &
PIDS+=($!)
run_setup "cairnd, embedded store" "127.0.0.1:$P"

# 2. and 3. cairnd on a throwaway PostgreSQL (fsync on, as a production database runs).
PG_PORT=$((BASE_PORT + 10))
mkdir -p "$WORK/pg"
[ -n "$PG_USER" ] && chown "$PG_USER" "$WORK/pg"
as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U cairn -A trust -E UTF8 > "$WORK/pg-initdb.log" 2>&1
as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$WORK/pg/log" -w \
    -o "-p $PG_PORT -k $WORK/pg -c listen_addresses=127.0.0.1 -c max_connections=300" start > /dev/null
URL=postgres://cairn@127.0.0.1:$PG_PORT/postgres
PG_EPS=()
start_pg_cairnd() { # index: starts one, its endpoint goes to PG_EPS
    local port=$((BASE_PORT + 20 + $1))
    "$CAIRND" --name "pg$1" --backend "$URL" --data-dir "$WORK/pg-cairnd-$1" \
        --listen-client-urls "http://127.0.0.1:$port" --log-level warn > "$WORK/pg-cairnd-$1.log" 2>&1 &
    PIDS+=($!)
    PG_EPS+=("127.0.0.1:$port")
}
start_pg_cairnd 1
run_setup "1 cairnd on PostgreSQL" "${PG_EPS[@]}"
PG_EPS=()
for i in 1 2 3; do start_pg_cairnd "$i"; done
run_setup "3 cairnd on one PostgreSQL" "${PG_EPS[@]}"

# 4. A three-member etcd cluster.
CLUSTER=""
for i in 1 2 3; do CLUSTER="$CLUSTER${CLUSTER:+,}m$i=http://127.0.0.1:$((BASE_PORT + 40 + i))"; done
ETCD_EPS=()
for i in 1 2 3; do
    client=$((BASE_PORT + 30 + i)) peer=$((BASE_PORT + 40 + i))
    "$ETCD_BIN" --name "m$i" --data-dir "$WORK/etcd-$i" \
        --listen-client-urls "http://127.0.0.1:$client" --advertise-client-urls "http://127.0.0.1:$client" \
        --listen-peer-urls "http://127.0.0.1:$peer" --initial-advertise-peer-urls "http://127.0.0.1:$peer" \
        --initial-cluster "$CLUSTER" --initial-cluster-state new --logger zap --log-level warn \
        > "$WORK/etcd-$i.log" 2>&1 &
    PIDS+=($!)
    ETCD_EPS+=("127.0.0.1:$client")
done
run_setup "etcd, 3-member cluster" "${ETCD_EPS[@]}"

echo "| setup | request | requests/s | p50 ms | p99 ms | check |"
echo "|---|---|---:|---:|---:|---|"
cat "$ROWS"
