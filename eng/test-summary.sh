#!/usr/bin/env bash
# Adds up the outcomes in the TRX files dotnet test wrote and prints one closing line:
# "N passed, N failed, N skipped", preceded by each failed test's name and first message line, so
# the tail of a CI log (often all that survives) names what failed. Exits non-zero when any test
# failed or none ran.
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
  # A failed result's start tag holds its name; its <Message> follows within the element.
  awk '
    /<UnitTestResult / && /outcome="Failed"/ {
      match($0, /testName="[^"]*"/); name = substr($0, RSTART + 10, RLENGTH - 11)
      gsub(/&quot;/, "\"", name); gsub(/&amp;/, "\\&", name); gsub(/&lt;/, "<", name); gsub(/&gt;/, ">", name)
      pending = 1; next
    }
    pending && /<Message>/ {
      line = $0; sub(/.*<Message>/, "", line); sub(/<\/Message>.*/, "", line)
      printf "FAILED %s\n  %s\n", name, substr(line, 1, 400); pending = 0
    }
    pending && /<\/UnitTestResult>/ { printf "FAILED %s\n", name; pending = 0 }
  ' "$trx"
done
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
