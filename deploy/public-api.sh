#!/usr/bin/env bash
# Writes PublicAPI.Shipped.txt of every library that sets TrackPublicApi (firmware/, hal/) from its code as it is now,
# and empties PublicAPI.Unshipped.txt. Use it after a deliberate change of surface (or after merging branches that
# each changed some), then read the diff: it is the change of surface.
# How: the files are emptied, the libraries are built once with warnings allowed, and every RS0016 ("symbol is not
# part of the declared public API") names one line of the file, in the analyzer's own format (the same lines its
# code fix, `dotnet format analyzers --diagnostics RS0016`, would add; that is minutes per project, this one build).
set -euo pipefail
config=${1:-Release}
cd "$(dirname "$0")/.."
root=$(pwd)

mapfile -t projects < <(grep -l '<TrackPublicApi>true</TrackPublicApi>' firmware/*/*.csproj hal/*/*.csproj)
for project in "${projects[@]}"; do
  dir=$(dirname "$project")
  printf '#nullable enable\n' > "$dir/PublicAPI.Shipped.txt"
  printf '#nullable enable\n' > "$dir/PublicAPI.Unshipped.txt"
done

log=$(mktemp)
trap 'rm -f "$log"' EXIT
build() {
  dotnet build "$1" -c "$config" -nologo --no-incremental -p:TreatWarningsAsErrors=false -p:WarningsAsErrors= \
    -clp:NoSummary >> "$log" 2>&1 || { cat "$log"; echo "public-api: build of $1 failed" >&2; exit 1; }
}

# The agent references every library; one that it does not reach is built on its own.
build firmware/CallSync.Agent/CallSync.Agent.csproj
for project in "${projects[@]}"; do
  grep -q "warning RS0016: .*\[$root/$project\]" "$log" || build "$project"
done

for project in "${projects[@]}"; do
  dir=$(dirname "$project")
  {
    printf '#nullable enable\n'
    grep "warning RS0016: .*\[$root/$project\]" "$log" \
      | sed -E "s/.*warning RS0016: Symbol '(.*)' is not part of the declared public API .*/\1/" \
      | LC_ALL=C sort -u
  } > "$dir/PublicAPI.Shipped.txt"
  echo "$dir: $(($(wc -l < "$dir/PublicAPI.Shipped.txt") - 1)) public symbols"
done

# Anything else the public API analyzers say (RS0026, RS0041...) is a problem in the code, not in the files.
if grep -E "warning RS00[0-9]{2}:" "$log" | grep -v "warning RS0016:" | sort -u | grep .; then
  echo "public-api: fix the warnings above" >&2
  exit 1
fi
