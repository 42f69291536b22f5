#!/bin/sh
# Runs the worker pool's stress test (tests/Backprop.Tests/Tensors/WorkerPoolStressTests.cs) with a million fork-join
# rounds, RUNS times in a row (default 5). Each run fails instead of hanging if a round does not finish in 10 s.
# Usage: bench/pool-stress.sh [RUNS] [ROUNDS]
set -e
cd "$(dirname "$0")/.."
runs=${1:-5}
rounds=${2:-1000000}
dotnet build tests/Backprop.Tests -c Release -v q --nologo
i=1
while [ "$i" -le "$runs" ]; do
    echo "run $i of $runs: $rounds rounds"
    BACKPROP_POOL_ROUNDS=$rounds dotnet test tests/Backprop.Tests -c Release --no-build --nologo \
        --filter "FullyQualifiedName~WorkerPoolStressTests.Every_part_runs" | grep -E "Passed!|Failed"
    i=$((i + 1))
done
