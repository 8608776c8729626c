#!/usr/bin/env bash
# Fuzz the SIP codec under AFL++ with SharpFuzz instrumentation (coverage-guided, out of process).
# Needs the Debian package afl++ (afl-fuzz); the sharpfuzz instrumentation tool comes from NuGet.
# Usage: tests/CallSync.Sip.Fuzz/afl-fuzz.sh [seconds]   (default 300). Exit 1 when AFL++ saved a crash or hang.
set -euo pipefail
duration=${1:-300}
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d /tmp/callsync-sip-afl.XXXXXX)
command -v afl-fuzz >/dev/null || { echo "afl-fuzz not found: apt-get install afl++" >&2; exit 2; }

dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$work/tools" >/dev/null
dotnet publish "$root/tests/CallSync.Sip.Fuzz" -c Release -nologo -o "$work/bin" >/dev/null
"$work/tools/sharpfuzz" "$work/bin/CallSync.Sip.Syntax.dll"

mkdir -p "$work/seeds"
cp "$root"/tests/CallSync.Sip.Syntax.Tests/Torture/*.sip "$work/seeds/"
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_CPUFREQ=1
timeout --signal=INT "$duration" afl-fuzz -i "$work/seeds" -o "$work/out" -t 5000 -m none -- "$work/bin/CallSync.Sip.Fuzz" --afl || true

found=$(find "$work/out" -path '*crashes/id*' -o -path '*hangs/id*' | wc -l)
echo "AFL++ output in $work/out; crashes+hangs: $found"
[ "$found" -eq 0 ]
