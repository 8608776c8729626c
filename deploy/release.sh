#!/usr/bin/env bash
# A signed release bundle for one board profile (make release BOARD=generic-arm64):
#   1. deploy/publish.sh --aot: the NativeAOT agent and technician CLI for the profile's RID (arm64 cross-compiled on x64);
#   2. stages them as the bundle's payload: bin/callsync-agent, bin/callsync, the native libraries published beside
#      them (bin/libe_sqlite3.so), callsync-agent.service, VERSION;
#   3. callsync-flash bundle signs the manifest with $RELEASE_KEY into out/release/callsync-<version>-<board>.tar.
# RELEASE_KEY: the path of the release private key (PKCS#8 PEM, 0600), outside the repository; docs/flashing.md says
# how keys are made and kept. The system libraries (libopus, libopusenc, libspandsp, libasound...) come from the
# board's Debian.
#
#   RELEASE_KEY=~/callsync-keys/release-key.pem deploy/release.sh generic-arm64
set -euo pipefail
cd "$(dirname "$0")/.."
boards=$(cd deploy/boards && ls -- *.env | sed 's/\.env$//' | paste -sd' ')
board=${1:-}
profile=deploy/boards/$board.env
if [ -z "$board" ] || [ ! -f "$profile" ]; then
  echo "usage: make release BOARD=NAME RELEASE_KEY=PATH (boards: $boards)" >&2
  exit 2
fi

# The key is checked before minutes of compiling.
key=${RELEASE_KEY:-}
if [ -z "$key" ] || [ ! -f "$key" ]; then
  cat >&2 <<MSG
release: RELEASE_KEY must name the release private key (PKCS#8 PEM, mode 0600), kept outside this repository${key:+ (not found: $key)}.
Make a key pair once, on the machine that signs releases:
  dotnet run --project tools/CallSync.Flash -c Release -- keygen --out ~/callsync-keys
then give the boards ~/callsync-keys/release-key.pub.pem (/etc/callsync/release-keys/) and run:
  make release BOARD=$board RELEASE_KEY=~/callsync-keys/release-key.pem
MSG
  exit 2
fi
case "$(realpath "$key")" in
  "$(pwd)"/*) echo "release: $key is inside the repository; keep the release key elsewhere" >&2; exit 2 ;;
esac

started=$(date +%s)
deploy/publish.sh "$profile" --aot
# shellcheck source=/dev/null
. "$profile"
published=out/publish/$board
case $RID in
  linux-arm64) machine=AArch64 ;;
  linux-x64) machine="X86-64" ;;
  *) echo "release: no ELF machine known for $RID" >&2; exit 2 ;;
esac
for exe in callsync-agent callsync; do
  readelf -h "$published/$exe" | grep -q "Machine:.*$machine" || { echo "release: $published/$exe is not a $machine executable" >&2; exit 1; }
done

stage=out/release/stage/$board
rm -rf "$stage"
mkdir -p "$stage/bin"
install -m 0755 "$published/callsync-agent" "$published/callsync" "$stage/bin/"
# Native libraries the publish put beside the executables (libe_sqlite3.so, SQLitePCLRaw's SQLite build for the
# outbox, which Debian does not ship under that name): the agent loads them from its own directory.
for lib in "$published"/*.so; do
  [ -e "$lib" ] && install -m 0644 "$lib" "$stage/bin/"
done
install -m 0644 deploy/callsync-agent.service "$stage/"
version=$(git describe --tags --always --dirty 2>/dev/null || echo 0.0.0-unknown)
commit=$(git rev-parse HEAD)
echo "$version" > "$stage/VERSION"

# The signing tool runs here, on the build machine (JIT, no RID).
dotnet publish tools/CallSync.Flash -c Release -nologo -o out/tools >/dev/null
bundle=out/release/callsync-$version-$board.tar
out/tools/callsync-flash bundle --from "$stage" --board "$board" --rid "$RID" --version "$version" --commit "$commit" \
  --key "$key" --out "$bundle"
echo "release: $bundle in $(( $(date +%s) - started )) s (agent $(stat -c %s "$stage/bin/callsync-agent") bytes, $RID)"
