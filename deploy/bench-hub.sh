#!/usr/bin/env bash
# The hub's and the web app's figures in docs/benchmarks.md ("Call log at 1,000,000 records", "Web app: time to
# interactive"): the call-log API as the web app queries it (every filter, keyset paging) over a bulk-seeded table on
# SQLite and PostgreSQL (tests/CallSync.Hub.Tests/Benchmarks/CallLogBenchmarks.cs), then the app's first load in
# Debian's headless Chromium (tests/CallSync.Interop.Tests/Web/WebFirstLoadBenchmarks.cs). Both are opt-in tests that
# start everything they need on 127.0.0.1 free ports and print their figures.
#
#   deploy/bench-hub.sh [--rows 1000000] [--only calllog|web]
set -euo pipefail
cd "$(dirname "$0")/.."
config=${CONFIG:-Release}
rows=1000000 only=""
while [ $# -gt 0 ]; do
  case $1 in
    --rows) rows=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    *) echo "usage: $0 [--rows N] [--only calllog|web]" >&2; exit 2 ;;
  esac
done

# The figures are printed by the tests (xunit's output of a passing test): keep those lines, drop the runner's chatter.
figures() { grep -E '^\s+(sqlite|postgres|CPU|\|)' || true; }

if [ "$only" != web ]; then
  dotnet build tests/CallSync.Hub.Tests/CallSync.Hub.Tests.csproj -c "$config" -nologo -clp:ErrorsOnly
  CALLSYNC_HUB_BENCH=1 CALLSYNC_HUB_BENCH_ROWS=$rows dotnet test tests/CallSync.Hub.Tests/CallSync.Hub.Tests.csproj -c "$config" \
    --no-build --filter "FullyQualifiedName~CallLogBenchmarks" --logger "console;verbosity=detailed" | figures
fi

if [ "$only" != calllog ]; then
  [ -f out/web/wwwroot/index.html ] || make --no-print-directory web-publish
  dotnet build tests/CallSync.Interop.Tests/CallSync.Interop.Tests.csproj -c "$config" -nologo -clp:ErrorsOnly
  CALLSYNC_WEB_BENCH=1 dotnet test tests/CallSync.Interop.Tests/CallSync.Interop.Tests.csproj -c "$config" \
    --no-build --filter "FullyQualifiedName~WebFirstLoadBenchmarks" --logger "console;verbosity=detailed" | figures
fi
