#!/usr/bin/env bash
# The store benchmarks (README.md, "Store"): loads 1,000,000 keys with 100-byte values, recovers them
# in three fresh processes, runs point gets and 100-key ranges, then fsynced puts at 1, 16 and 256
# concurrent writers. Every result line carries the load average at the time.
# Usage: Benchmarks/store/run.sh   (SCRATCH=path: SwiftPM scratch path; KEYS=n: data set size)
set -euo pipefail
cd "$(dirname "$0")"
BUILD=(swift build -c release ${SCRATCH:+--scratch-path "$SCRATCH"})
"${BUILD[@]}" --product StoreBench >&2
BIN=$("${BUILD[@]}" --show-bin-path)/StoreBench
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
KEYS=${KEYS:-1000000}

"$BIN" load "$WORK/data" --keys "$KEYS"
for _ in 1 2 3; do "$BIN" open "$WORK/data" --keys "$KEYS" --recovery-only; done
"$BIN" open "$WORK/data" --keys "$KEYS"
"$BIN" put "$WORK/put"
