#!/usr/bin/env bash
# The emulated arm64 board (make test-board): the arm64 NativeAOT agent, cross-compiled here, runs under qemu-user
# (binfmt_misc, Debian's qemu-user-static) with the arm64 native libraries it loads (libopus, libopusenc, libspandsp,
# libsrtp2 installed through multiarch, deploy/test-deps.sh) in a network namespace of its own, reached over a veth
# pair this script makes. sipp on the host places one call to it; the agent must answer it (auto-answer), record
# both legs, and the recording must decode on the host (opusinfo, opusdec). Prints one result line; exit 0 on pass.
#
#   deploy/test-board.sh [--no-build] [--seconds 8] [--keep]
set -euo pipefail
cd "$(dirname "$0")/.."

build=true seconds=8 keep=false
while [ $# -gt 0 ]; do
  case $1 in
    --no-build) build=false; shift ;;
    --seconds) seconds=$2; shift 2 ;;
    --keep) keep=true; shift ;;
    *) echo "usage: $0 [--no-build] [--seconds N] [--keep]" >&2; exit 2 ;;
  esac
done
[ "$(id -u)" -eq 0 ] || { echo "test-board: needs root (network namespace, veth, binfmt_misc)" >&2; exit 2; }
started=$(date +%s)
bin=out/publish/generic-arm64
if $build || [ ! -x "$bin/callsync-agent" ]; then
  deploy/publish.sh boards/generic-arm64.env --aot
fi
readelf -h "$bin/callsync-agent" | grep -q 'Machine:.*AArch64' || { echo "FAIL: $bin/callsync-agent is not an AArch64 executable" >&2; exit 1; }
built=$(date +%s)

# binfmt_misc: the kernel hands AArch64 ELF files to qemu-aarch64-static (flag F: the interpreter is opened once,
# so it works in any mount namespace).
if [ ! -e /proc/sys/fs/binfmt_misc/register ]; then
  mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
fi
[ -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ] || update-binfmts --enable qemu-aarch64
grep -q '^enabled' /proc/sys/fs/binfmt_misc/qemu-aarch64 || { echo "FAIL: binfmt_misc has no enabled qemu-aarch64 entry" >&2; exit 1; }

id=$$
ns=callsync-a64-$id
host_if=cs64h$((id % 100000))
board_if=cs64b$((id % 100000))
# A private /30 picked from the pid, so two runs side by side do not collide.
net=10.$((200 + id % 50)).$(( (id / 50) % 250 )).
host_ip=${net}1 board_ip=${net}2
work=$(mktemp -d "${TMPDIR:-/tmp}/callsync-board.XXXXXX")
agent_pid="" sipp_pid=""
cleanup() {
  local p
  for p in $sipp_pid $agent_pid; do
    kill -0 "$p" 2>/dev/null || continue
    kill -TERM "$p" 2>/dev/null || true
    for _ in $(seq 1 150); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$p" 2>/dev/null || true
  done
  ip link del "$host_if" 2>/dev/null || true
  ip netns del "$ns" 2>/dev/null || true
  if $keep; then echo "kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

ip netns add "$ns"
ip link add "$host_if" type veth peer name "$board_if"
ip link set "$board_if" netns "$ns"
ip addr add "$host_ip/30" dev "$host_if"
ip link set "$host_if" up
ip netns exec "$ns" ip addr add "$board_ip/30" dev "$board_if"
ip netns exec "$ns" ip link set "$board_if" up
ip netns exec "$ns" ip link set lo up

data=$work/data
cat > "$work/agent.json" <<JSON
{ "Device": { "Id": "arm64-board", "Number": "1001", "DataDir": "$data" },
  "Board": { "Kind": "simulated", "ControlInput": false },
  "Sip": { "Listen": ["udp:$board_ip:5060"], "AutoAnswer": "on", "Codecs": ["PCMU"] },
  "Rtp": { "PortMin": 40000, "PortMax": 40001 },
  "Recording": { "Enabled": true } }
JSON

echo "== arm64 board: $(file -b "$bin/callsync-agent" | cut -d, -f1-2), $(stat -c %s "$bin/callsync-agent") bytes, under $(qemu-aarch64-static --version | head -1)"
echo "   namespace $ns, board $board_ip, host $host_ip ($host_if)"
ip netns exec "$ns" "$bin/callsync-agent" --config "$work/agent.json" > "$work/agent.log" 2>&1 &
agent_pid=$!
for _ in $(seq 1 600); do grep -q 'Ready\.' "$work/agent.log" && break; kill -0 $agent_pid 2>/dev/null || break; sleep 0.2; done
grep -q 'Ready\.' "$work/agent.log" || { echo "FAIL: the arm64 agent did not get ready:"; tail -20 "$work/agent.log"; exit 1; }
ready=$(date +%s)
# binfmt_misc runs the file through Debian's qemu wrapper: the kernel shows the interpreter as argv[0].
interpreter=$(tr '\0' '\n' < "/proc/$agent_pid/cmdline" | head -1)
case $interpreter in
  *qemu* | *binfmt*) ;;
  *) echo "FAIL: the agent runs as \"$interpreter\", not under qemu (is this host arm64?)"; exit 1 ;;
esac

# sipp's ports on the host side: free ones (another program may hold a common port on every address).
free_port() { python3 -c 'import socket, sys; s = socket.socket(type=socket.SOCK_DGRAM); s.bind((sys.argv[1], 0)); print(s.getsockname()[1])' "$host_ip"; }
( cd "$work" && exec sipp -sn uac "$board_ip:5060" -s 1001 -i "$host_ip" -p "$(free_port)" -mp "$(free_port)" -rtp_echo \
    -m 1 -d $(( seconds * 1000 )) -nostdin -timeout $(( seconds + 60 )) > "$work/sipp.out" 2>&1 ) &
sipp_pid=$!
set +e
wait $sipp_pid
sipp_exit=$?
set -e
sipp_pid=""
for _ in $(seq 1 300); do grep -q 'split (' "$work/agent.log" && break; sleep 0.1; done
rss=$(awk '/^VmHWM:/ {print $2}' "/proc/$agent_pid/status")

file=$(ls "$data"/recordings/*.opus 2>/dev/null | head -1 || true)
result=PASS reason=""
if [ "$sipp_exit" -ne 0 ]; then
  result=FAIL reason="sipp exit $sipp_exit"
elif [ -z "$file" ]; then
  result=FAIL reason="no recording in $data/recordings"
elif ! opusinfo "$file" > "$work/opusinfo.txt" 2>&1; then
  result=FAIL reason="opusinfo rejects the recording"
elif ! opusdec --quiet "$file" "$work/decoded.wav" 2>/dev/null; then
  result=FAIL reason="opusdec cannot decode the recording"
fi
channels=$(grep -oE 'Channels: [0-9]+' "$work/opusinfo.txt" 2>/dev/null | head -1 || true)
length=$(grep -E 'Playback length' "$work/opusinfo.txt" 2>/dev/null | sed 's/^[[:space:]]*//' || true)
if [ $result = PASS ] && [ "$channels" != "Channels: 2" ]; then
  result=FAIL reason="the recording is not stereo ($channels)"
fi
grep -oE 'Media stopped: .*' "$work/agent.log" | head -1 | sed 's/^/   /' || true
[ -n "$file" ] && echo "   recording: $(stat -c %s "$file") bytes, $channels, $length; decoded: $(stat -c %s "$work/decoded.wav" 2>/dev/null || echo 0) bytes"
echo "   agent under qemu ($interpreter): ready $(( ready - built )) s after start, peak RSS $(( ${rss:-0} / 1024 )) MiB (qemu included)"
echo "$result: arm64 board answered and recorded a ${seconds} s sipp call${reason:+: $reason} (build $(( built - started )) s, whole run $(( $(date +%s) - started )) s, $(date -u +%Y-%m-%dT%H:%MZ))"
if [ $result != PASS ]; then
  tail -20 "$work/agent.log"
  tail -5 "$work/sipp.out"
  exit 1
fi
