#!/usr/bin/env bash
# Runs the fuzz tests (tests/Backprop.Tests/Fuzz) with many more cases than CI does.
#   bench/fuzz.sh [CASES_PER_COMMAND] [SEED]      e.g. bench/fuzz.sh 5000 7
# Each of the seven commands gets CASES_PER_COMMAND damaged files; a failure prints the case and its damage,
# and the same seed replays it.
set -euo pipefail
cd "$(dirname "$0")/.."
export BACKPROP_FUZZ_CASES="${1:-3000}" BACKPROP_FUZZ_SEED="${2:-$(date +%s)}"
echo "fuzz: $BACKPROP_FUZZ_CASES cases per command, seed $BACKPROP_FUZZ_SEED"
dotnet test tests/Backprop.Tests -c Release --filter "FullyQualifiedName~Backprop.Tests.Fuzz" --logger "console;verbosity=normal"
