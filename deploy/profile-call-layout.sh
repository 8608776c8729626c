#!/usr/bin/env bash
# Regenerates firmware/CallSync.Agent/call-path.order: the managed methods the NativeAOT agent runs from the moment it
# is ready (the memory trim included) through one recorded PCMU call from sipp and the idle seconds after it. The
# NativeAOT build lays these methods out first and together (ILC --order with --method-layout:explicit), so a call
# brings back a few hundred contiguous KiB of code after the start-up trim instead of 64 KiB blocks from all over the
# 6 MB of managed code (docs/benchmarks.md, "Agent memory in a call").
#
# How: the published NativeAOT agent (out/publish/generic-x64, from 'make bench-call-memory' or
# 'deploy/publish.sh boards/generic-x64.env --aot') runs under valgrind's callgrind; its counters are zeroed when the
# agent logs "Ready.", and dumped after the call. Every instruction address counted in the agent's code is mapped to
# the method holding it (symbols from callsync-agent.dbg); the file lists those methods in address order. The trim
# itself runs right after "Ready." and usually before the counters are zeroed, so its methods (and Main's, which it
# returns to) are added by name. Methods the profile missed stay where they were; a stale name is ignored by ILC.
# Takes about 2 minutes. Rerun it after large changes to the call path, then 'make bench-call-memory'.
#
#   deploy/profile-call-layout.sh [--seconds 15] [--out firmware/CallSync.Agent/call-path.order]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${BENCH_AGENT_BIN:-$PWD/out/publish/generic-x64}
seconds=15 out=firmware/CallSync.Agent/call-path.order
while [ $# -gt 0 ]; do
  case $1 in
    --seconds) seconds=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    *) echo "usage: $0 [--seconds N] [--out FILE]" >&2; exit 2 ;;
  esac
done
for tool in valgrind callgrind_control sipp nm; do
  command -v $tool >/dev/null || { echo "$tool not found (apt-get install valgrind sip-tester binutils)" >&2; exit 1; }
done
[ -x "$bin/callsync-agent" ] && [ -f "$bin/callsync-agent.dbg" ] ||
  { echo "missing $bin/callsync-agent or its .dbg: run 'deploy/publish.sh boards/generic-x64.env --aot' first" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/callsync-profile.XXXXXX")
vg_pid=""
cleanup() {
  if [ -n "$vg_pid" ] && kill -0 "$vg_pid" 2>/dev/null; then
    kill -TERM "$vg_pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$vg_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$vg_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# valgrind cannot read the .dbg file beside the executable; a copy without it is profiled, and the .dbg's symbols
# name the addresses afterwards.
mkdir -p "$work/bin"
cp "$bin/callsync-agent" "$work/bin/"
cp "$bin"/*.so "$work/bin/" 2>/dev/null || true
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); p=s.getsockname()[1]; u=socket.socket(type=socket.SOCK_DGRAM); u.bind(("127.0.0.1",p)); print(p)'; }
sip_port=$(free_port)
rtp_min=$(python3 -c '
import random, socket
for _ in range(200):
    base = random.randrange(20000, 60000) & ~1
    try:
        a = socket.socket(type=socket.SOCK_DGRAM); a.bind(("127.0.0.1", base))
        b = socket.socket(type=socket.SOCK_DGRAM); b.bind(("127.0.0.1", base + 1))
        a.close(); b.close(); print(base); break
    except OSError:
        pass
')
cat > "$work/agent.json" <<EOF
{ "Device": { "Id": "profile-call", "Number": "1001", "DataDir": "$work/data" },
  "Board": { "Kind": "simulated", "ControlInput": false },
  "Sip": { "Listen": ["udp:127.0.0.1:$sip_port"], "AutoAnswer": "on", "Codecs": ["PCMU"] },
  "Rtp": { "PortMin": $rtp_min, "PortMax": $(( rtp_min + 1 )) },
  "Recording": { "Enabled": true } }
EOF

echo "== callsync-agent under callgrind (start-up takes about a minute)"
valgrind --tool=callgrind --dump-instr=yes --callgrind-out-file="$work/callgrind.out" \
  "$work/bin/callsync-agent" --config "$work/agent.json" > "$work/agent.log" 2>&1 &
vg_pid=$!
for _ in $(seq 1 1200); do grep -q 'Ready\.' "$work/agent.log" && break; kill -0 $vg_pid 2>/dev/null || break; sleep 0.1; done
grep -q 'Ready\.' "$work/agent.log" || { echo "!! the agent did not get ready:"; tail -20 "$work/agent.log"; exit 1; }
callgrind_control --zero $vg_pid > /dev/null 2>&1
sleep 3
echo "== one ${seconds} s PCMU call from sipp, media echoed, recording on"
( cd "$work" && sipp -sn uac "127.0.0.1:$sip_port" -s 1001 -i 127.0.0.1 -p "$(free_port)" -mp "$(free_port)" -rtp_echo \
    -m 1 -d $(( seconds * 1000 )) -nostdin -timeout $(( seconds + 90 )) > "$work/sipp.out" 2>&1 ) ||
  { echo "!! the call failed:"; tail -5 "$work/sipp.out"; tail -20 "$work/agent.log"; exit 1; }
for _ in $(seq 1 300); do grep -q 'split (' "$work/agent.log" && break; sleep 0.1; done
grep -q 'split (' "$work/agent.log" || { echo "!! the call's record was not split:"; tail -20 "$work/agent.log"; exit 1; }
sleep 10
callgrind_control --dump $vg_pid > /dev/null 2>&1
for _ in $(seq 1 100); do ls "$work"/callgrind.out.* > /dev/null 2>&1 && break; sleep 0.1; done

nm -S --defined-only "$bin/callsync-agent.dbg" > "$work/symbols"
# __managedcode's address range: only its methods can be ordered (the runtime's C++ code is linked from archives).
range=$(readelf -SW "$bin/callsync-agent" | awk '$2 == "__managedcode" { print $4, $6 }')
python3 - "$work"/callgrind.out.* "$work/symbols" "$range" "$out.tmp" <<'EOF'
import bisect, re, sys
profile, symbols, section, out = sys.argv[1], sys.argv[2], sys.argv[3].split(), sys.argv[4]
lo = int(section[0], 16); hi = lo + int(section[1], 16)
# valgrind names the executable's own mappings by path; code outside its .text (the managed code) is "???", at the
# absolute address valgrind loaded the position-independent executable at.
PIE_BASE = 0x108000
objects, current, last, addresses = {}, None, 0, set()
for line in open(profile):
    if line.startswith(('ob=', 'cob=')):
        m = re.match(r'c?ob=\((\d+)\)\s*(.*)', line.strip())
        if m[2]:
            objects[m[1]] = m[2]
        if line[0] == 'o':
            current = objects.get(m[1])
        continue
    if line[:1] not in ('0', '+', '-', '*'):
        continue
    token = line.split()[0]
    if token.startswith('0x'):
        last = int(token, 16)
    elif token[0] == '+':
        last += int(token[1:])
    elif token[0] == '-':
        last -= int(token[1:])
    if current == '???':
        addresses.add(last - PIE_BASE)
table = []
for line in open(symbols):
    fields = line.split(maxsplit=3)
    if len(fields) == 4 and fields[2] in 'tT':
        start, size = int(fields[0], 16), int(fields[1], 16)
        if lo <= start < hi and size > 0:
            table.append((start, size, fields[3].strip()))
table.sort()
starts = [t[0] for t in table]
# Run after the page-out, before the counters were zeroed: the trim's own end and Main, which it returns to.
seeds = re.compile(r'StartupMemoryTrim__|CallSync_Agent_Program__Main|CallSync_Hal_Linux_Memory_')
methods = {t[2]: t for t in table if seeds.search(t[2])}
for address in addresses:
    i = bisect.bisect_right(starts, address) - 1
    if i >= 0 and address < table[i][0] + table[i][1]:
        methods[table[i][2]] = table[i]
if len(methods) < 500:
    sys.exit(f"only {len(methods)} methods found in the profile: is {profile} from this build?")
with open(out, 'w') as f:
    for start, size, name in sorted(methods.values()):
        f.write(name + '\n')
print(f"   {len(methods)} methods, {sum(m[1] for m in methods.values()) // 1024} KiB of code "
      f"(of {(hi - lo) // 1024} KiB of managed code)")
EOF
mv "$out.tmp" "$out"
echo "   wrote $out"
