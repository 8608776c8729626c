#!/usr/bin/env bash
# Runs every test project one after another (interop tests start real servers; running them side by side on
# two cores only makes them slower) and ends with the failed tests (name and the first lines of the error, since a CI
# log is often read from its tail) and one "N passed, N failed, N skipped" line.
set -uo pipefail
config=${1:-Release}
cd "$(dirname "$0")/.."

passed=0; failed=0; skipped=0; broken=()
mkdir -p out/test-results
for project in tests/*.Tests/*.Tests.csproj; do
  name=$(basename "$project" .csproj)
  echo "=== $name"
  log=out/test-results/$name.log
  dotnet test "$project" -c "$config" --no-build --nologo --logger "console;verbosity=minimal" \
    --results-directory out/test-results 2>&1 | tee "$log"
  status=${PIPESTATUS[0]}
  summary=$(grep -E '(Passed|Failed)!  - Failed:' "$log" | tail -1)
  if [ -n "$summary" ]; then
    f=$(sed -E 's/.*Failed: *([0-9]+).*/\1/' <<<"$summary")
    p=$(sed -E 's/.*Passed: *([0-9]+).*/\1/' <<<"$summary")
    s=$(sed -E 's/.*Skipped: *([0-9]+).*/\1/' <<<"$summary")
    passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
  fi
  if [ "$status" -ne 0 ]; then broken+=("$name"); fi
done

echo
for name in "${broken[@]}"; do
  # vstest's console logger: "  Failed <test> [time]", then "  Error Message:" and its lines, then "  Stack Trace:".
  awk -v project="$name" '
    /^ +Failed [^ ]/ { print project ": " $0; shown = 0; inmessage = 0; next }
    /^ +Error Message:/ { inmessage = 1; next }
    /^ +Stack Trace:/ { inmessage = 0; next }
    inmessage && shown < 8 { print "    " $0; shown++ }
  ' "out/test-results/$name.log"
done
[ ${#broken[@]} -eq 0 ] || echo "failing projects: ${broken[*]}"
echo "$passed passed, $failed failed, $skipped skipped"
[ ${#broken[@]} -eq 0 ]
