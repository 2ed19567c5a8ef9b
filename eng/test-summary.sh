#!/usr/bin/env bash
# Adds up the outcomes in the TRX files dotnet test wrote and prints one closing line:
# "N passed, N failed, N skipped". Exits non-zero when any test failed or none ran.
set -euo pipefail
dir=${1:?usage: test-summary.sh RESULTS_DIR}
passed=0; failed=0; skipped=0
shopt -s nullglob
for trx in "$dir"/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed)))
  skipped=$((skipped + $(get notExecuted)))
done
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
