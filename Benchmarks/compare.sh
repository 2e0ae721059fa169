#!/usr/bin/env bash
# Cairn vs etcd, side by side on this machine: same load generators, same disk, both durable.
#
#   Benchmarks/compare.sh [--quick]
#
# Installs what is missing (apt: etcd-server etcd-client nghttp2-client nghttp2-server
# python3-pip; pip: grpcio), builds cairnd and cairnctl in release mode, starts etcd and cairnd on
# 127.0.0.1 each on a fresh data directory under one parent directory (the same disk), neither
# with fsync disabled, and measures them alternately (every measurement runs on both servers
# back to back, the order flipping from one repetition to the next). Medians over REPS
# repetitions go into a markdown table with both figures, Cairn's advantage (>1 = Cairn better)
# and the target of issue 9:
#   - unary req/s, p50, p99 at 1, 16, 256 in flight (1x1, 16x1, 16x16 h2load connections x
#     streams) for Range 1 key, Range 100 keys, Put 16 B, Put 1 KiB, CAS Txn
#     (../shared/bench/h2load-unary.sh: pre-flight grpc-status check, every write applied);
#   - watch put->event latency p50/p99 and events/s with 1/100/1000/10000 watchers on one prefix
#     (`cairnctl bench watch`);
#   - lease keep-alives/s with 10,000 leases (`cairnctl bench lease-keepalive`), on fresh stores;
#   - RSS and data-directory size after 1,000,000 keys of 100 B (Txn batches of 100 through
#     ../shared/bench/load_keys.py), then the time from a restart to the first answered Range;
#   - the machine's ceilings: fdatasync rate on the data directories' disk and a no-op nghttpd.
#   - scale-out (full runs only; Benchmarks/compare/cluster.sh): Put and Range at 256 in flight on
#     cairnd's embedded store, one and three cairnd on one PostgreSQL, and a three-member etcd cluster.
# --quick: one repetition, small counts, 1,000 leases, 100,000 keys, watchers up to 1,000
# (under 3 minutes). The full run takes about 15-20 minutes on 2 cores.
#
# Environment:
#   REPS          repetitions (default 3; --quick: 1)
#   SCRATCH       swift scratch path, relative to the repository (default .build-perf)
#   OUT           results directory (default $SCRATCH/compare/<UTC time>); data directories and
#                 logs go below it. Writes OUT/results.txt (RESULT lines), OUT/table.md, OUT/raw/.
#   ETCD_PORT=24790 ETCD_PEER_PORT=24800 CAIRN_PORT=24791 NGHTTPD_PORT=24792  (127.0.0.1 only)
#   KIT           the shared bench kit (default ../shared/bench next to the repository)
#   SKIP_BUILD=1  use the binaries already in SCRATCH; COMMIT= names the source in the table
#   KEEP_DATA=1   keep the servers' data directories (OUT/data) after the run
#   CLUSTER=0     skip the scale-out rows (they need Debian's postgresql)
set -euo pipefail

QUICK=0
case "${1:-}" in
    --quick) QUICK=1 ;;
    "") ;;
    *) sed -n '2,33p' "$0"; exit 2 ;;
esac

REPO=$(cd "$(dirname "$0")/.." && pwd)
HERE=$REPO/Benchmarks/compare
KIT=${KIT:-$REPO/../shared/bench}
KIT=$(cd "$KIT" && pwd)
SCRATCH=${SCRATCH:-.build-perf}
case "$SCRATCH" in /*) ;; *) SCRATCH=$REPO/$SCRATCH ;; esac
OUT=${OUT:-$SCRATCH/compare/$(date -u +%Y%m%dT%H%M%SZ)}
ETCD_PORT=${ETCD_PORT:-24790} ETCD_PEER_PORT=${ETCD_PEER_PORT:-24800}
CAIRN_PORT=${CAIRN_PORT:-24791} NGHTTPD_PORT=${NGHTTPD_PORT:-24792}
EP_etcd=127.0.0.1:$ETCD_PORT EP_cairn=127.0.0.1:$CAIRN_PORT
if [ "$QUICK" = 1 ]; then
    REPS=${REPS:-1} LEASES=1000 MEM_KEYS=100000 WATCHERS=(1 100 1000)
else
    REPS=${REPS:-3} LEASES=10000 MEM_KEYS=1000000 WATCHERS=(1 100 1000 10000)
fi
SERVERS=(etcd cairn)
for port in "$ETCD_PORT" "$ETCD_PEER_PORT" "$CAIRN_PORT" "$NGHTTPD_PORT"; do
    if (exec 3<> "/dev/tcp/127.0.0.1/$port") 2> /dev/null; then
        echo "127.0.0.1:$port is in use; choose other ports (see the environment variables above)" >&2
        exit 1
    fi
done
mkdir -p "$OUT/raw" "$OUT/bodies"
RES=$OUT/results.txt
: > "$RES"
log() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg | tr ' ' '/'; }

# ---------------------------------------------------------------- dependencies and build
install_deps() {
    local missing="" p
    for p in etcd-server etcd-client nghttp2-client nghttp2-server python3-pip postgresql; do
        dpkg -s "$p" > /dev/null 2>&1 || missing="$missing $p"
    done
    if [ -n "$missing" ]; then
        log "installing:$missing"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing > /dev/null
    fi
    if ! python3 -c 'import grpc' 2> /dev/null; then
        log "installing grpcio"
        python3 -m pip install -q grpcio 2> /dev/null || python3 -m pip install -q --break-system-packages grpcio
    fi
}
install_deps
ETCD_BIN=$(command -v etcd || echo /usr/bin/etcd)
if [ "${SKIP_BUILD:-0}" != 1 ]; then
    for product in cairnd cairnctl; do
        log "building $product (release, $SCRATCH)"
        (cd "$REPO" && swift build -c release --scratch-path "$SCRATCH" --product "$product") > "$OUT/raw/build-$product.txt" 2>&1 \
            || { tail -n 30 "$OUT/raw/build-$product.txt"; exit 1; }
    done
fi
BIN=$(cd "$REPO" && swift build -c release --scratch-path "$SCRATCH" --show-bin-path)
CAIRND=$BIN/cairnd CAIRNCTL=$BIN/cairnctl

# ---------------------------------------------------------------- servers
# Neither server may pick up settings from the caller's environment.
for v in $(compgen -e); do case "$v" in ETCD_* | ETCDCTL_* | CAIRN_*) unset "$v" ;; esac; done
declare -A PID=()
server_command() { # server datadir -> the command line, one word per line
    local dir=$2
    case "$1" in
        etcd) printf '%s\n' "$ETCD_BIN" --name bench --data-dir "$dir" \
            --listen-client-urls "http://$EP_etcd" --advertise-client-urls "http://$EP_etcd" \
            --listen-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
            --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
            --initial-cluster "bench=http://127.0.0.1:$ETCD_PEER_PORT" \
            --logger zap --log-outputs stderr --log-level warn ;;
        cairn) printf '%s\n' "$CAIRND" --data-dir "$dir" \
            --listen-client-urls "http://$EP_cairn" --advertise-client-urls "http://$EP_cairn" \
            --log-level warn ;;
    esac
}
endpoint() { local v=EP_$1; echo "${!v}"; }
stop_server() { # server
    local pid=${PID[$1]:-}
    [ -n "$pid" ] || return 0
    kill "$pid" 2> /dev/null || true
    for _ in $(seq 100); do kill -0 "$pid" 2> /dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2> /dev/null || true
    PID[$1]=""
}
cleanup() { for s in "${SERVERS[@]}"; do stop_server "$s"; done; }
trap cleanup EXIT
wait_ready() { # server
    local ep
    ep=$(endpoint "$1")
    for _ in $(seq 120); do
        python3 "$KIT/grpc_call.py" "$ep" rev > /dev/null 2>&1 && return 0
        kill -0 "${PID[$1]}" 2> /dev/null || { log "$1 exited; see $OUT/raw/$1-*.log"; exit 1; }
        sleep 0.5
    done
    log "$1 did not answer within 60 s"
    exit 1
}
start_fresh() { # server phase: new empty data directory
    local dir=$OUT/data/$2/$1 cmd
    rm -rf "$dir"
    mkdir -p "$(dirname "$dir")"
    mapfile -t cmd < <(server_command "$1" "$dir")
    "${cmd[@]}" >> "$OUT/raw/$1-$2.log" 2>&1 &
    PID[$1]=$!
    wait_ready "$1"
}
# Order of the servers in repetition $1: alternates, so neither always runs first.
order() { if [ $(($1 % 2)) = 1 ]; then echo etcd cairn; else echo cairn etcd; fi; }
compact() { python3 "$KIT/grpc_call.py" "$(endpoint "$1")" compact >> "$OUT/raw/compact.txt" 2>&1 || log "WARNING: compact failed on $1"; }
jsonres() { python3 "$HERE/json_result.py" "$1"; } # prefix words, JSON on stdin -> RESULT line
jiffies() { sed 's/^.*) //' "/proc/$1/stat" | awk '{print $12 + $13}'; }
# bench SERVER RAWFILE ARGS...: cairnctl against SERVER, output in RAWFILE, bounded to 300 s; prints
# "client_cpu=.. server_cpu=.." (cores used during the run), so a saturated client shows.
bench() {
    local s=$1 raw=$2 j0 j1
    shift 2
    j0=$(jiffies "${PID[$s]}")
    /usr/bin/time -f '%e %U %S' -o "$raw.time" timeout 300 "$CAIRNCTL" --endpoints "$(endpoint "$s")" \
        --command-timeout 60s bench "$@" --json > "$raw" 2>&1 || { cat "$raw" >&2; exit 1; }
    j1=$(jiffies "${PID[$s]}")
    awk -v j=$((j1 - j0)) -v hz="$(getconf CLK_TCK)" '{printf "client_cpu=%.2f server_cpu=%.2f", ($2 + $3) / $1, j / hz / $1}' "$raw.time"
}

echo "RESULT test=meta quick=$QUICK reps=$REPS nproc=$(nproc) load_start=$(loadavg) date=$(date -u +%Y-%m-%dT%H:%M:%SZ) commit=${COMMIT:-$(git -C "$REPO" rev-parse --short HEAD 2> /dev/null || echo unknown)$(git -C "$REPO" diff --quiet HEAD -- Sources 2> /dev/null || echo +dirty)} etcd=$("$ETCD_BIN" --version | sed -n 's/^etcd Version: //p') cpu=$(sed -n 's/^model name\t: //p' /proc/cpuinfo | head -n1 | tr ' ' '_')" >> "$RES"
log "results in $OUT (load average $(loadavg))"

# ---------------------------------------------------------------- 1. lease keep-alives (fresh stores)
log "lease keep-alives: $LEASES leases"
for s in "${SERVERS[@]}"; do start_fresh "$s" lease; done
KA_TOTAL=$([ "$QUICK" = 1 ] && echo 20000 || echo 60000)
for rep in $(seq "$REPS"); do
    for s in $(order "$rep"); do
        raw=$OUT/raw/lease-$s-r$rep.txt
        cpu=$(bench "$s" "$raw" lease-keepalive --leases "$LEASES" --ttl 600 --conns 4 --clients 64 --total "$KA_TOTAL")
        jsonres "RESULT test=lease server=$s rep=$rep leases=$LEASES $cpu" < "$raw" | tee -a "$RES"
    done
done
for s in "${SERVERS[@]}"; do stop_server "$s"; done

# ---------------------------------------------------------------- 2. unary matrix
log "unary matrix (load average $(loadavg))"
for s in "${SERVERS[@]}"; do start_fresh "$s" unary; done
B=$OUT/bodies
V100=$(printf 'v%.0s' $(seq 100)) V16=cccccccccccccccc
python3 "$KIT/grpc_body.py" put bench/r1 --value "$V100" -o "$B/setup-r1.bin"
python3 "$KIT/grpc_body.py" put bench/cas --value "$V16" -o "$B/setup-cas.bin"
python3 "$KIT/grpc_body.py" range bench/r1 -o "$B/range1.bin"
python3 "$KIT/grpc_body.py" range bench/p100/ --prefix -o "$B/range100.bin"
python3 "$KIT/grpc_body.py" put bench/put16 --value-size 16 -o "$B/put16.bin"
python3 "$KIT/grpc_body.py" put bench/put1k --value-size 1024 -o "$B/put1k.bin"
python3 "$KIT/grpc_body.py" txn-cas bench/cas --value "$V16" -o "$B/txn.bin"
for s in "${SERVERS[@]}"; do
    ep=$(endpoint "$s")
    python3 "$KIT/grpc_call.py" "$ep" Put "$B/setup-r1.bin" > /dev/null
    python3 "$KIT/grpc_call.py" "$ep" Put "$B/setup-cas.bin" > /dev/null
    python3 "$KIT/load_keys.py" "$ep" --count 100 --value-size 100 --prefix bench/p100/ --batch 100 --concurrency 1 > /dev/null
    python3 "$KIT/grpc_call.py" "$ep" Range "$B/range100.bin" | grep -q "'count': 100}" || { log "$s: range100 does not return 100 keys"; exit 1; }
    python3 "$KIT/grpc_call.py" "$ep" Txn "$B/txn.bin" | grep -q "'succeeded': True" || { log "$s: CAS txn did not succeed"; exit 1; }
done
CASES=("range1 Range range1.bin 0" "range100 Range range100.bin 0" "put16 Put put16.bin 1"
    "put1k Put put1k.bin 1" "txn-cas Txn txn.bin 1")
requests() { # concurrency writes? -> request count
    local q=$QUICK
    case "$1/$2/$q" in
        1/0/0) echo 10000 ;; 1/1/0) echo 3000 ;; 16/*/0) echo 20000 ;; 256/*/0) echo 40000 ;;
        1/0/1) echo 2000 ;; 1/1/1) echo 500 ;; 16/*/1) echo 3000 ;; 256/*/1) echo 6000 ;;
    esac
}
for rep in $(seq "$REPS"); do
    for s in "${SERVERS[@]}"; do compact "$s"; done
    for c in "${CASES[@]}"; do
        read -r name method body writes <<< "$c"
        for conc in 1 16 256; do
            case $conc in 1) cl=1 st=1 ;; 16) cl=16 st=1 ;; 256) cl=16 st=16 ;; esac
            r=$(requests "$conc" "$writes")
            for s in $(order "$rep"); do
                raw=$OUT/raw/$name-c$conc-$s-r$rep.txt
                SERVER_PID=${PID[$s]} timeout 300 "$KIT/h2load-unary.sh" "$(endpoint "$s")" "$method" "$B/$body" "$cl" "$st" "$r" > "$raw" 2>&1 \
                    || { cat "$raw"; exit 1; }
                line="RESULT test=unary server=$s name=$name conc=$conc rep=$rep writes=$writes $(grep '^RESULT' "$raw" | sed 's/^RESULT //')"
                echo "$line" >> "$RES"
                log "$name c=$conc $s: $(grep -o 'rps=[^ ]* .*p50_ms=[^ ]*' <<< "$line" | sed 's/ mean_ms=[^ ]*//') $(grep -o 'p99_ms=[^ ]*' <<< "$line")"
            done
        done
    done
done

# ---------------------------------------------------------------- 3. watch fan-out (same servers)
log "watch (load average $(loadavg))"
watch_total() { # watchers -> puts (events = puts x watchers)
    if [ "$QUICK" = 1 ]; then
        case $1 in 1) echo 1000 ;; 100) echo 200 ;; *) echo 50 ;; esac
    else
        case $1 in 1) echo 4000 ;; 100) echo 1000 ;; 1000) echo 200 ;; *) echo 20 ;; esac
    fi
}
for rep in $(seq "$REPS"); do
    for s in "${SERVERS[@]}"; do compact "$s"; done
    for w in "${WATCHERS[@]}"; do
        conns=$((w < 8 ? w : 8))
        for s in $(order "$rep"); do
            raw=$OUT/raw/watch-w$w-$s-r$rep.txt
            cpu=$(bench "$s" "$raw" watch --watchers "$w" --conns "$conns" --clients 8 --total "$(watch_total "$w")" \
                --val-size 100 --prefix "watchbench/$rep/$w/")
            jsonres "RESULT test=watch server=$s rep=$rep watchers=$w puts=$(watch_total "$w") $cpu" < "$raw" | tee -a "$RES"
        done
    done
done
for s in "${SERVERS[@]}"; do stop_server "$s"; done

# ---------------------------------------------------------------- 4. memory, size, start-up with MEM_KEYS keys
log "memory: $MEM_KEYS keys of 100 B (load average $(loadavg))"
rss() { awk '/^VmRSS:/{printf "%.1f", $2/1024}' "/proc/$1/status"; }
hwm() { awk '/^VmHWM:/{printf "%.1f", $2/1024}' "/proc/$1/status"; }
for s in "${SERVERS[@]}"; do
    start_fresh "$s" mem
    ep=$(endpoint "$s")
    t0=$(date +%s.%N)
    timeout 900 python3 "$KIT/load_keys.py" "$ep" --count "$MEM_KEYS" --value-size 100 --prefix mem/ --batch 100 --concurrency 8 \
        > "$OUT/raw/mem-load-$s.txt" 2>&1 || { cat "$OUT/raw/mem-load-$s.txt"; exit 1; }
    t1=$(date +%s.%N)
    sleep 5
    pid=${PID[$s]}
    echo "RESULT test=mem server=$s keys=$MEM_KEYS load_s=$(python3 -c "print(f'{$t1-$t0:.1f}')") rss_mib=$(rss "$pid") hwm_mib=$(hwm "$pid") dir_bytes=$(du -s -B1 "$OUT/data/mem/$s" | cut -f1)" | tee -a "$RES"
    stop_server "$s"
done
for rep in $(seq "$REPS"); do
    for s in $(order "$rep"); do
        mapfile -t cmd < <(server_command "$s" "$OUT/data/mem/$s")
        line=$(python3 "$HERE/first_request.py" "$KIT" "$(endpoint "$s")" mem/0000000000 "$OUT/raw/$s-restart.log" "$OUT/raw/$s.pid" -- "${cmd[@]}" | tail -n1) \
            || { PID[$s]=$(cat "$OUT/raw/$s.pid" 2> /dev/null || true); log "$s did not answer after a restart"; exit 1; }
        PID[$s]=$(cat "$OUT/raw/$s.pid")
        sleep 2
        echo "${line/test=startup/test=startup server=$s rep=$rep keys=$MEM_KEYS} rss_mib=$(rss "${PID[$s]}")" | tee -a "$RES"
        stop_server "$s"
    done
done

# ---------------------------------------------------------------- 5. the machine's ceilings
log "machine limits (load average $(loadavg))"
REPS=$REPS SCALE=$([ "$QUICK" = 1 ] && echo 0.05 || echo 0.2) NGHTTPD_ADDR=127.0.0.1:$NGHTTPD_PORT FSYNC_DIR=$OUT \
    "$KIT/physical-limits.sh" "$OUT" "$B/range1.bin" > "$OUT/raw/physical-limits.txt" 2>&1 \
    || { cat "$OUT/raw/physical-limits.txt"; exit 1; }

# ---------------------------------------------------------------- 6. scale-out (full runs only)
if [ "$QUICK" = 0 ] && [ "${CLUSTER:-1}" = 1 ]; then
    log "scale-out: embedded, 1 and 3 cairnd on PostgreSQL, 3-member etcd (load average $(loadavg))"
    ETCD_BIN=$ETCD_BIN "$HERE/cluster.sh" "$CAIRND" "$KIT" "$OUT" > "$OUT/cluster-table.md" 2> "$OUT/raw/cluster.txt" \
        || { cat "$OUT/raw/cluster.txt"; exit 1; }
fi

echo "RESULT test=meta-end load_end=$(loadavg) date_end=$(date -u +%Y-%m-%dT%H:%M:%SZ)" >> "$RES"
python3 "$HERE/summarize.py" "$RES" > "$OUT/table.md"
if [ -s "$OUT/cluster-table.md" ]; then
    printf '\n### Scale-out: 256 in flight, spread over every endpoint of the setup\n\n' >> "$OUT/table.md"
    cat "$OUT/cluster-table.md" >> "$OUT/table.md"
fi
[ "${KEEP_DATA:-0}" = 1 ] || rm -rf "$OUT/data"
cat "$OUT/table.md"
log "table: $OUT/table.md"
