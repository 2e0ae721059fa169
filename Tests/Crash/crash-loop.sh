#!/usr/bin/env bash
# Long crash-loop run: SIGKILL cairnd at random moments under concurrent writers (puts, deletes, txns, lease
# grants with attached keys), restart it, and check that every acknowledged write is there at the revision it
# was acknowledged with. The logic is the EndToEndTests crash-loop test (20 cycles in `make test`); this script
# runs it for CYCLES cycles (default 1,000; about 1.7 s per cycle on a busy 2-core machine with a debug build, so 30 minutes).
#
# Usage: Tests/Crash/crash-loop.sh [CYCLES]
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="/opt/swift/usr/bin:$PATH"
CYCLES="${1:-1000}"
SCRATCH="${SCRATCH_PATH:-.build}"

swift build --scratch-path "$SCRATCH" --build-tests
echo "crash loop: $CYCLES cycles"
CAIRN_CRASH_CYCLES="$CYCLES" swift test --scratch-path "$SCRATCH" --skip-build \
    --filter 'CrashLoopTests'
