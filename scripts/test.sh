#!/usr/bin/env bash
# Runs the whole test suite (NUnit, no network access, no MNIST needed) and ends with one line
# "N passed, N failed". Extra arguments go to `dotnet test` (e.g. --filter GradientCheck).
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
results="artifacts/test-results"
rm -rf "$results"
dotnet test NetTrainer.sln -c Release --nologo --logger "trx;LogFileName=tests.trx" --results-directory "$results" "$@"
status=$?
trx="$results/tests.trx"
if [[ -f "$trx" ]]; then
  counters=$(grep -o '<Counters [^>]*' "$trx")
  count() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  passed=$(count passed) failed=$(count failed)
  # Skipped (Assume/Ignore, e.g. a browser test without a browser) = the tests found but not executed.
  skipped=$(( $(count total) - $(count executed) ))
else
  passed=0 failed=1 skipped=0 # the build failed before any test ran
fi
[[ $status -ne 0 && ${failed:-0} -eq 0 ]] && failed=1
echo "${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
exit $status
