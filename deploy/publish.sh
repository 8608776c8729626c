#!/usr/bin/env bash
# Publishes the agent and the technician CLI for a board profile into out/publish/<profile>/.
# usage: deploy/publish.sh boards/generic-arm64.env [--aot]
#   default: self-contained, trimmed (needs only the .NET SDK);
#   --aot:   NativeAOT (needs clang; for arm64 also gcc-aarch64-linux-gnu and lld).
set -euo pipefail
cd "$(dirname "$0")/.."
profile=${1:?usage: deploy/publish.sh boards/PROFILE.env [--aot]}
[ -f "$profile" ] || profile=deploy/$profile
# shellcheck source=/dev/null
. "$profile"
name=$(basename "$profile" .env)
out=out/publish/$name
mode=(-p:PublishTrimmed=true --self-contained)
[ "${2:-}" = "--aot" ] && mode=(-p:PublishAot=true)
rm -rf "$out"
for project in firmware/CallSync.Agent tools/CallSync.Cli; do
  dotnet publish "$project" -c Release -r "$RID" "${mode[@]}" -p:InvariantGlobalization=true -o "$out" -nologo
done
cp deploy/callsync-agent.service README.md "$out/"
git rev-parse --short HEAD > "$out/VERSION" 2>/dev/null || echo unknown > "$out/VERSION"
echo "published $name ($RID) to $out"
