#!/usr/bin/env bash
# Regenerates firmware/CallSync.Agent/call-path.order: the managed methods the NativeAOT agent runs once its start-up
# memory trim is done, through one recorded PCMU call from sipp and the idle seconds after it; profiled twice, once
# alone and once with the call's record published to an MQTT broker over TLS (as a phone in the fleet does), and
# joined. The NativeAOT build lays these methods out first and together (ILC --order with --method-layout:explicit),
# so a call brings back under a MiB of contiguous code after the start-up trim instead of 64 KiB blocks from all over
# the 6 MB of managed code (docs/benchmarks.md, "Agent memory in a call").
#
# How: the published NativeAOT agent (out/publish/generic-x64, from 'make bench-call-memory' or
# 'deploy/publish.sh boards/generic-x64.env --aot') runs under valgrind's callgrind; its counters are zeroed when the
# agent logs that it trimmed its memory, and dumped after the call. Every instruction address counted in the agent's
# code is mapped to the method holding it (symbols from callsync-agent.dbg); the file lists those methods in address
# order. The trim's own methods run before the counters are zeroed, so they (and Main's, which waits for the trim) are
# added by name. Methods the profile missed stay where they were; a stale name is ignored by ILC.
# Takes about 4 minutes. Rerun it after large changes to the call path, then 'make bench-call-memory'.
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
for tool in valgrind callgrind_control sipp nm mosquitto openssl; do
  command -v $tool >/dev/null || { echo "$tool not found (apt-get install valgrind sip-tester binutils mosquitto openssl)" >&2; exit 1; }
done
[ -x "$bin/callsync-agent" ] && [ -f "$bin/callsync-agent.dbg" ] ||
  { echo "missing $bin/callsync-agent or its .dbg: run 'deploy/publish.sh boards/generic-x64.env --aot' first" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/callsync-profile.XXXXXX")
vg_pid="" broker_pid=""
cleanup() {
  [ -z "$broker_pid" ] || kill "$broker_pid" 2>/dev/null || true
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
# shellcheck source=deploy/bench-lib.sh
. deploy/bench-lib.sh
start_tls_broker "$work/broker"

# profile NAME MQTT_JSON: one run of the agent under callgrind; its profile is left as $work/NAME.callgrind.
profile() {
  local name=$1 mqtt_json=$2 sip_port rtp_min
  sip_port=$(free_port)
  rtp_min=$(free_range 2)
  rm -rf "$work/data"
  cat > "$work/agent.json" <<EOF
{ "Device": { "Id": "profile-call", "Number": "1001", "DataDir": "$work/data" },
  "Board": { "Kind": "simulated", "ControlInput": false },
  "Sip": { "Listen": ["udp:127.0.0.1:$sip_port"], "AutoAnswer": "on", "Codecs": ["PCMU"] },
  "Rtp": { "PortMin": $rtp_min, "PortMax": $(( rtp_min + 1 )) },
  "Recording": { "Enabled": true }$mqtt_json }
EOF
  echo "== $name: callsync-agent under callgrind (start-up takes about a minute)"
  valgrind --tool=callgrind --dump-instr=yes --callgrind-out-file="$work/$name.out" \
    "$work/bin/callsync-agent" --config "$work/agent.json" > "$work/$name.log" 2>&1 &
  vg_pid=$!
  for _ in $(seq 1 1800); do grep -q 'Memory after start: [0-9]' "$work/$name.log" && break; kill -0 $vg_pid 2>/dev/null || break; sleep 0.1; done
  grep -q 'Memory after start: [0-9]' "$work/$name.log" || { echo "!! the agent did not trim its memory after start:"; tail -20 "$work/$name.log"; exit 1; }
  grep -q 'healthy and idle' "$work/$name.log" || { echo "!! the agent was not healthy at the trim:"; grep 'Memory after start' "$work/$name.log"; exit 1; }
  callgrind_control --zero $vg_pid > /dev/null 2>&1
  sleep 3
  echo "   one ${seconds} s PCMU call from sipp, media echoed, recording on"
  ( cd "$work" && sipp -sn uac "127.0.0.1:$sip_port" -s 1001 -i 127.0.0.1 -p "$(free_port)" -mp "$(free_port)" -rtp_echo \
      -m 1 -d $(( seconds * 1000 )) -nostdin -timeout $(( seconds + 90 )) > "$work/sipp.out" 2>&1 ) ||
    { echo "!! the call failed:"; tail -5 "$work/sipp.out"; tail -20 "$work/$name.log"; exit 1; }
  for _ in $(seq 1 300); do grep -q 'split (' "$work/$name.log" && break; sleep 0.1; done
  grep -q 'split (' "$work/$name.log" || { echo "!! the call's record was not split:"; tail -20 "$work/$name.log"; exit 1; }
  if [ -n "$mqtt_json" ]; then
    for _ in $(seq 1 300); do grep -q 'Received PUBLISH from profile-call.*/calls' "$work/broker/mosquitto.log" && break; sleep 0.1; done
    grep -q 'Received PUBLISH from profile-call.*/calls' "$work/broker/mosquitto.log" || { echo "!! the call's record was not published"; exit 1; }
  fi
  sleep 10
  callgrind_control --dump $vg_pid > /dev/null 2>&1
  for _ in $(seq 1 100); do ls "$work/$name.out".* > /dev/null 2>&1 && break; sleep 0.1; done
  mv "$work/$name.out".* "$work/$name.callgrind"
  kill -TERM $vg_pid 2>/dev/null || true
  wait $vg_pid 2>/dev/null || true
  vg_pid=""
}

# What runs first after the trim depends on what ran before it: with a broker, the first status publish initialises
# the JSON and type-loading code that, without one, the call's record does first. Both are profiled and joined.
profile alone ""
profile broker ", \"Mqtt\": { \"Url\": \"$broker_url\", \"CaCertificate\": \"$broker_ca\" }"

nm -S --defined-only "$bin/callsync-agent.dbg" > "$work/symbols"
# __managedcode's address range: only its methods can be ordered (the runtime's C++ code is linked from archives).
range=$(readelf -SW "$bin/callsync-agent" | awk '$2 == "__managedcode" { print $4, $6 }')
python3 - "$work/symbols" "$range" "$out.tmp" "$work"/*.callgrind <<'EOF'
import bisect, re, sys
symbols, section, out, profiles = sys.argv[1], sys.argv[2].split(), sys.argv[3], sys.argv[4:]
lo = int(section[0], 16); hi = lo + int(section[1], 16)
# valgrind names the executable's own mappings by path; code outside its .text (the managed code) is "???", at the
# absolute address valgrind loaded the position-independent executable at.
PIE_BASE = 0x108000
def executed(profile):
    """Addresses of the instructions the profile counted in the executable's managed code."""
    objects, current, last, found = {}, None, 0, set()
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
            found.add(last - PIE_BASE)
    return found
addresses = set().union(*(executed(p) for p in profiles))
table = []
for line in open(symbols):
    fields = line.split(maxsplit=3)
    if len(fields) == 4 and fields[2] in 'tT':
        start, size = int(fields[0], 16), int(fields[1], 16)
        if lo <= start < hi and size > 0:
            table.append((start, size, fields[3].strip()))
table.sort()
starts = [t[0] for t in table]
# Run after the page-out, before the counters were zeroed: the trim's own end, and Main, which awaits it.
seeds = re.compile(r'StartupMemoryTrim|StartupSettling|CallSync_Agent_Program__Main|CallSync_Hal_Linux_Memory_')
methods = {t[2]: t for t in table if seeds.search(t[2])}
for address in addresses:
    i = bisect.bisect_right(starts, address) - 1
    if i >= 0 and address < table[i][0] + table[i][1]:
        methods[table[i][2]] = table[i]
if len(methods) < 500:
    sys.exit(f"only {len(methods)} methods found in the profiles: are they from this build?")
with open(out, 'w') as f:
    for start, size, name in sorted(methods.values()):
        f.write(name + '\n')
print(f"   {len(methods)} methods, {sum(m[1] for m in methods.values()) // 1024} KiB of code "
      f"(of {(hi - lo) // 1024} KiB of managed code)")
EOF
mv "$out.tmp" "$out"
echo "   wrote $out"
