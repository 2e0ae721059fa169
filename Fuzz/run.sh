#!/bin/sh
# Builds the fuzz targets with libFuzzer and AddressSanitizer and runs one of them.
#   Fuzz/run.sh TARGET SECONDS [extra libFuzzer flags...]
# TARGET is WireFuzz, DeframerFuzz, WALFuzz or HTTP2Fuzz. The corpus grows in Fuzz/corpus/TARGET (seeded
# from Fuzz/seeds/TARGET, which seeds.py writes); crashing inputs land in Fuzz/findings/TARGET.
# FUZZ_RUNS=N runs N inputs instead of a time limit (the short form CI uses).
set -eu
target=${1:?usage: run.sh TARGET SECONDS [libFuzzer flags]}
seconds=${2:-60}
shift 2 || shift $#
here=$(cd "$(dirname "$0")" && pwd)
scratch=${FUZZ_SCRATCH:-$here/../.build-fuzz}
config=${FUZZ_CONFIG:-release}
flags="-Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -enable-testing"
cd "$here"
# Swift's own backtracer fights AddressSanitizer over the crash; libFuzzer reports the crash itself.
export SWIFT_BACKTRACE=${SWIFT_BACKTRACE:-enable=no}
if ! swift build -c "$config" --product "$target" --scratch-path "$scratch" $flags >"$scratch.log" 2>&1; then
    echo "release build failed, trying debug (see $scratch.log)" >&2
    config=debug
    swift build -c debug --product "$target" --scratch-path "$scratch" $flags >"$scratch.log" 2>&1 || {
        cat "$scratch.log" >&2
        exit 1
    }
fi
binary="$scratch/$config/$target"
[ -d "$here/seeds/$target" ] || python3 "$here/seeds.py"
mkdir -p "$here/corpus/$target" "$here/findings/$target"
if [ -n "${FUZZ_RUNS:-}" ]; then
    limit="-runs=$FUZZ_RUNS"
else
    limit="-max_total_time=$seconds"
fi
exec "$binary" "$limit" -max_len=65536 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$here/findings/$target/" "$@" "$here/corpus/$target" "$here/seeds/$target"
