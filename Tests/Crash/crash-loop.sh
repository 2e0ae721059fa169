#!/usr/bin/env bash
# Long crash-loop run: SIGKILL cairnd at random moments under concurrent writers (puts, deletes, txns, lease
# grants with attached keys), restart it, and check that every acknowledged write is there at the revision it
# was acknowledged with. The logic is the EndToEndTests crash-loop test (20 cycles in `make test`); this script
# runs it for CYCLES cycles (default 1,000). A cycle takes 0.7 s on an idle 2-core machine and up to 3.5 s on a
# busy one (debug build), so 1,000 cycles take 12 to 60 minutes. A lost write stops the run at once.
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
