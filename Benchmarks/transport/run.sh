#!/usr/bin/env bash
# Unary echo of a 100-byte message under h2load (4 connections x 64 concurrent streams), side by side with
# nghttpd serving a 100-byte file (the ceiling of HTTP/2 over loopback with the same load generator) and with
# the same echo on grpc-swift 2 (../transport-grpc-swift; its first release build takes 5-20 minutes).
# nghttpd serves from one thread; Cairn and grpc-swift run twice: with one event-loop thread (like nghttpd)
# and with one per core (their default, what cairnd uses).
# Usage: Benchmarks/transport/run.sh [requests]   (needs h2load from nghttp2-client, nghttpd from nghttp2-server)
set -euo pipefail
cd "$(dirname "$0")"
REQUESTS=${1:-400000}
WORK=$(mktemp -d)
PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT

swift build -c release --product transport-echo >&2
ECHO_BIN=$(swift build -c release --show-bin-path)/transport-echo
swift build -c release --package-path ../transport-grpc-swift --product grpc-swift-echo >&2
GRPC_SWIFT_BIN=$(swift build -c release --package-path ../transport-grpc-swift --show-bin-path)/grpc-swift-echo

# The gRPC request body: 5-byte prefix (uncompressed, length 100) + 100 bytes.
python3 -c 'import sys; sys.stdout.buffer.write(b"\0\0\0\0\x64" + bytes(range(100)))' > "$WORK/request.bin"
python3 -c 'import sys; sys.stdout.buffer.write(bytes(range(100)))' > "$WORK/file100"

wait_port() { for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/"$1") 2>/dev/null && return 0; sleep 0.1; done; return 1; }

CORES=$(nproc)
nghttpd --no-tls -d "$WORK" 50150 > /dev/null & PIDS+=($!)
"$ECHO_BIN" 50151 1 > /dev/null & PIDS+=($!)
"$GRPC_SWIFT_BIN" 50152 1 > /dev/null & PIDS+=($!)
"$ECHO_BIN" 50153 "$CORES" > /dev/null & PIDS+=($!)
"$GRPC_SWIFT_BIN" 50154 "$CORES" > /dev/null & PIDS+=($!)
for port in 50150 50151 50152 50153 50154; do wait_port $port; done

# run NAME URL [h2load args...]: appends one measurement (name, req/s, p50, p99 in ms) to $WORK/results.
run() {
    local name=$1 url=$2; shift 2
    local file="$WORK/${name//\//-}"
    h2load -c 4 -m 64 -t 1 -n "$((REQUESTS / 10))" "$@" "$url" > /dev/null  # warm-up
    h2load -c 4 -m 64 -t 1 -n "$REQUESTS" --log-file="$file.log" "$@" "$url" > "$file.out"
    python3 - "$name" "$file.out" "$file.log" >> "$WORK/results" <<'PY'
import re, sys
name, out, log = sys.argv[1:4]
text = open(out).read()
rps = float(re.search(r"finished in [^,]+, ([\d.]+) req/s", text).group(1))
ok = int(re.search(r"(\d+) succeeded", text).group(1))
durations = sorted(int(line.split()[2]) for line in open(log) if line.strip())
p = lambda q: durations[min(len(durations) - 1, int(q * len(durations)))] / 1000.0
print(name, rps, p(0.50), p(0.99), ok)
PY
}

GRPC_ARGS=(-d "$WORK/request.bin" -H 'content-type: application/grpc' -H 'te: trailers')
# Alternate the servers, ROUNDS times (the machine is shared and noisy), then report medians.
for _ in $(seq "${ROUNDS:-3}"); do
    run nghttpd/1 "http://127.0.0.1:50150/file100"
    run cairn/1 "http://127.0.0.1:50151/bench.Echo/Unary" "${GRPC_ARGS[@]}"
    run grpc-swift-2/1 "http://127.0.0.1:50152/bench.Echo/Unary" "${GRPC_ARGS[@]}"
    run "cairn/$CORES" "http://127.0.0.1:50153/bench.Echo/Unary" "${GRPC_ARGS[@]}"
    run "grpc-swift-2/$CORES" "http://127.0.0.1:50154/bench.Echo/Unary" "${GRPC_ARGS[@]}"
done
python3 - "$WORK/results" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    name, rps, p50, p99, ok = line.split()
    rows.setdefault(name, []).append((float(rps), float(p50), float(p99), int(ok)))
median = {name: [statistics.median(column) for column in zip(*runs)] for name, runs in rows.items()}
rounds = len(rows["nghttpd/1"])
print(f"| server / event-loop threads | requests/s (median of {rounds}) | p50 ms | p99 ms | Cairn with as many threads ÷ this |")
print("|---|---|---|---|---|")
for name, (rps, p50, p99, ok) in median.items():
    server, threads = name.split("/")
    cairn = median.get(f"cairn/{threads}")
    ratio = "—" if server == "cairn" or cairn is None else f"{cairn[0] / rps:.2f}×"
    print(f"| {server} / {threads} | {rps:,.0f} | {p50:.2f} | {p99:.2f} | {ratio} |")
PY
