#!/usr/bin/env bash
# Publishes the agent and the technician CLI for a board profile into out/publish/<profile>/.
# usage: deploy/publish.sh boards/generic-arm64.env [--aot]
#   default: self-contained, trimmed (needs only the .NET SDK);
#   --aot:   NativeAOT (needs clang and lld; for arm64 on an x64 host also Debian's aarch64 sysroot:
#            gcc-aarch64-linux-gnu and libc6-dev-arm64-cross, or libc6-dev:arm64 through multiarch; deploy/test-deps.sh).
# The SDK picks the runtime pack and ILCompiler versions (10.0.12 with SDK 10.0.4xx): they are not named here.
set -euo pipefail
cd "$(dirname "$0")/.."
profile=${1:?usage: deploy/publish.sh boards/PROFILE.env [--aot]}
[ -f "$profile" ] || profile=deploy/$profile
# shellcheck source=/dev/null
. "$profile"
name=$(basename "$profile" .env)
out=out/publish/$name
mode=(-p:PublishTrimmed=true --self-contained)
if [ "${2:-}" = "--aot" ]; then
  mode=(-p:PublishAot=true)
  host=$(uname -m)
  case "$RID:$host" in
    linux-arm64:aarch64 | linux-x64:x86_64) ;;
    # Cross-compiling: the ILCompiler drives clang with --target=aarch64-linux-gnu; lld links for any target (the
    # host's ld.bfd cannot), and the aarch64 C runtime, libc and libgcc come from Debian's cross packages.
    linux-arm64:x86_64) mode+=(-p:LinkerFlavor=lld) ;;
    *) echo "publish: NativeAOT for $RID cannot be built on $host here" >&2; exit 2 ;;
  esac
fi
rm -rf "$out"
for project in firmware/CallSync.Agent tools/CallSync.Cli; do
  dotnet publish "$project" -c Release -r "$RID" "${mode[@]}" -p:InvariantGlobalization=true -o "$out" -nologo
done
cp deploy/callsync-agent.service README.md "$out/"
git rev-parse --short HEAD > "$out/VERSION" 2>/dev/null || echo unknown > "$out/VERSION"
echo "published $name ($RID) to $out"
