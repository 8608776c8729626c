#!/usr/bin/env bash
# Whole-agent CPU during one G.711 call with recording: sipp's uac calls the published agent (out/bin/callsync-agent,
# simulated board with its 400 Hz tone microphone, auto-answer at once), echoes the agent's RTP back (-rtp_echo),
# so the agent sends and receives 50 PCMU packets/s each way, decodes, plays, and records both legs as stereo Ogg
# Opus for the whole call. CPU time is utime + stime from /proc/<pid>/stat over the call, as a share of one core.
# Memory: peak RSS in the call (VmHWM, reset when the call starts: writing 5 to /proc/<pid>/clear_refs), the peak
# before it (start-up), and what it is at the call's end: anonymous (GC heap, native heaps, thread stacks) and
# file-backed (the executable's and libraries' pages) from /proc/<pid>/status.
# --baresip: then the same sipp call to baresip (auto-answer, G.711, its sndfile module recording both legs as WAV),
# measured the same way, for a reference figure from the same run (make bench-call-memory).
#
# --mqtt: the agent also talks to an MQTT broker over TLS (mosquitto on 127.0.0.1 with a throwaway CA), as a phone in
# the fleet does, and publishes the call's record to it; baresip has nothing to compare with there.
# --smaps DIR: also saves each process's /proc/<pid>/smaps at the call's end there, and prints what is resident by
# mapping (what holds the memory).
#
#   deploy/bench-call-cpu.sh [--seconds 60] [--recording on|off] [--baresip] [--mqtt] [--smaps DIR] [--keep]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${BENCH_AGENT_BIN:-$PWD/out/bin}   # BENCH_AGENT_BIN: another published build (CALLSYNC_* would be read as agent configuration)

seconds=60 recording=on keep=false baresip=false mqtt=false smaps=
while [ $# -gt 0 ]; do
  case $1 in
    --seconds) seconds=$2; shift 2 ;;
    --recording) recording=$2; shift 2 ;;
    --baresip) baresip=true; shift ;;
    --mqtt) mqtt=true; shift ;;
    --smaps) smaps=$2; shift 2 ;;
    --keep) keep=true; shift ;;
    *) echo "usage: $0 [--seconds N] [--recording on|off] [--baresip] [--mqtt] [--smaps DIR] [--keep]" >&2; exit 2 ;;
  esac
done
case $recording in on) rec_json=true ;; off) rec_json=false ;; *) echo "--recording on|off" >&2; exit 2 ;; esac
[ "$seconds" -ge 15 ] || { echo "--seconds must be at least 15 (the first 10 s are reported apart)" >&2; exit 2; }
[ -x "$bin/callsync-agent" ] || { echo "missing $bin/callsync-agent: run 'make build' first" >&2; exit 1; }
command -v sipp >/dev/null || { echo "sipp not found (apt-get install sip-tester)" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/callsync-bench-call.XXXXXX")
agent_pid="" sipp_pid="" baresip_pid="" broker_pid=""
cleanup() {
  local p
  for p in $sipp_pid $agent_pid $baresip_pid $broker_pid; do
    kill -0 "$p" 2>/dev/null || continue
    kill -TERM "$p" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$p" 2>/dev/null || true
  done
  if $keep; then echo "kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

# With --smaps: /proc/PID/smaps saved as DIR/NAME.smaps, and the resident KiB per mapping, largest first.
save_smaps() {
  [ -n "$smaps" ] || return 0
  mkdir -p "$smaps"
  cat "/proc/$1/smaps" > "$smaps/$2.smaps"
  awk '/^[0-9a-f]+-[0-9a-f]+ / { name = (NF >= 6 ? $6 : "[anonymous]") }
       /^Rss:/ { rss[name] += $2 }
       END { for (n in rss) if (rss[n] > 0) printf "%8d KiB  %s\n", rss[n], n }' "$smaps/$2.smaps" | sort -rn | head -25 | sed 's/^/     /'
}
# shellcheck source=deploy/bench-lib.sh
. deploy/bench-lib.sh
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }       # utime + stime, in clock ticks
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
share() { awk -v t="$1" -v hz="$hz" -v ms="$2" 'BEGIN { printf "%.2f", 100 * t * 1000 / hz / ms }'; } # % of one core
hz=$(getconf CLK_TCK)
# One sipp uac call of $seconds to 127.0.0.1:PORT with its RTP echoed back, output to FILE; sets sipp_pid.
start_call() {
  ( cd "$work" && exec sipp -sn uac "127.0.0.1:$1" -s 1001 -i 127.0.0.1 -p "$(free_port)" -mp "$(free_port)" -rtp_echo \
      -m 1 -d $(( seconds * 1000 )) -nostdin -timeout $(( seconds + 60 )) > "$2" 2>&1 ) &
  sipp_pid=$!
}
# Waits for that call to end; sets sipp_exit (0: the call completed).
end_call() {
  set +e
  wait "$sipp_pid"
  sipp_exit=$?
  set -e
  sipp_pid=""
}
# Peak RSS so far in MiB (VmHWM); then reset, so the next peak read is the call's own.
peak_then_reset() {
  awk '/^VmHWM:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"
  echo 5 > "/proc/$1/clear_refs"
}
# Peak RSS since the reset, and the resident split at this moment, in KiB as the kernel counts them.
memory_of() {
  awk '/^(VmHWM|VmRSS|RssAnon|RssFile|Threads):/ { v[$1] = $2 }
       END { printf "peak RSS in the call %.1f MiB (VmHWM); at the end %.1f MiB: %.1f MiB anonymous, %.1f MiB file-backed; %d threads",
             v["VmHWM:"] / 1024, v["VmRSS:"] / 1024, v["RssAnon:"] / 1024, v["RssFile:"] / 1024, v["Threads:"] }' "/proc/$1/status"
  # PSS: shared pages divided among the processes that map them (a library the broker on this host maps too).
  awk '/^Pss:/ { printf "; PSS %.1f MiB", $2 / 1024 }' "/proc/$1/smaps_rollup"
}

sip_port=$(free_port)
# An even RTP port with its RTCP neighbour free.
rtp_min=$(free_range 2)
mqtt_json=""
if $mqtt; then
  start_tls_broker "$work/broker"
  mqtt_json=", \"Mqtt\": { \"Url\": \"$broker_url\", \"CaCertificate\": \"$broker_ca\" }"
fi
data=$work/data
cat > "$work/agent.json" <<EOF
{ "Device": { "Id": "bench-call", "Number": "1001", "DataDir": "$data" },
  "Board": { "Kind": "simulated", "ControlInput": false },
  "Sip": { "Listen": ["udp:127.0.0.1:$sip_port"], "AutoAnswer": "on", "Codecs": ["PCMU"] },
  "Rtp": { "PortMin": $rtp_min, "PortMax": $(( rtp_min + 1 )) },
  "Recording": { "Enabled": $rec_json }$mqtt_json }
EOF

echo "== one ${seconds} s G.711 (PCMU) call, media echoed by sipp, recording $recording$($mqtt && echo ", records to an MQTT broker over TLS" || true)"
echo "   machine: $(nproc) cores, $(uptime | sed 's/^ *//')"
"$bin/callsync-agent" --config "$work/agent.json" > "$work/agent.log" 2>&1 &
agent_pid=$!
for _ in $(seq 1 150); do grep -q 'Ready\.' "$work/agent.log" && break; kill -0 $agent_pid 2>/dev/null || break; sleep 0.2; done
grep -q 'Ready\.' "$work/agent.log" || { echo "!! the agent did not get ready:"; tail -20 "$work/agent.log"; exit 1; }
# The start-up trim runs once the agent is healthy and idle (at most 30 s after start): measure after it.
for _ in $(seq 1 400); do grep -q 'Memory after start' "$work/agent.log" && break; [ "${CALLSYNC_Device__TrimMemoryAfterStart:-true}" = false ] && break; sleep 0.1; done

idle0=$(ticks $agent_pid); t0=$(now_ms); sleep 5; idle1=$(ticks $agent_pid); t1=$(now_ms)

start_call "$sip_port" "$work/sipp.out"
# The call is up once media started; measure from there.
for _ in $(seq 1 300); do grep -q 'Media started' "$work/agent.log" && break; kill -0 $sipp_pid 2>/dev/null || break; sleep 0.05; done
grep -q 'Media started' "$work/agent.log" || { echo "!! the call did not start:"; tail -20 "$work/agent.log"; exit 1; }
startup_peak=$(peak_then_reset $agent_pid)
c0=$(ticks $agent_pid); s0=$(now_ms)
sleep 10
c10=$(ticks $agent_pid); s10=$(now_ms)
sleep $(( seconds - 12 ))
smaps_table=$(save_smaps $agent_pid agent)
end_call
c1=$(ticks $agent_pid); s1=$(now_ms)
memory=$(memory_of $agent_pid)
for _ in $(seq 1 100); do grep -q 'split (' "$work/agent.log" && break; sleep 0.1; done
if $mqtt; then
  for _ in $(seq 1 100); do grep -q 'Received PUBLISH from bench-call.*/calls' "$work/broker/mosquitto.log" && break; sleep 0.1; done
fi

echo "   sipp exit $sipp_exit (0: the call completed)"
echo "   agent idle before the call: $(share $((idle1 - idle0)) $((t1 - t0))) % of one core"
echo "   agent during the call: $(( (c1 - c0) * 1000 / hz )) ms CPU over $(( s1 - s0 )) ms = $(share $((c1 - c0)) $((s1 - s0))) % of one core"
echo "     first 10 s: $(share $((c10 - c0)) $((s10 - s0))) %; after that: $(share $((c1 - c10)) $((s1 - s10))) %"
echo "   $memory; before the call: peak $startup_peak MiB"
grep -oE 'Memory after start: .*' "$work/agent.log" | head -1 | sed 's/^/   /' || true
order=firmware/CallSync.Agent/call-path.order
if [ -f "$bin/callsync-agent.dbg" ] && [ -f "$order" ] && command -v nm >/dev/null; then
  # How current the call-path layout is: its methods that this build still has (a stale name is simply not placed).
  echo "   call-path layout: $(nm --defined-only "$bin/callsync-agent.dbg" | awk 'NR == FNR { want[$0] = 1; next } ($3 in want) { n++ } END { print n + 0 }' "$order" -) of $(wc -l < "$order") methods of $order in this build"
fi
[ -z "$smaps" ] || printf '   resident by mapping, 2 s before the call ends (%s/agent.smaps):\n%s\n' "$smaps" "$smaps_table"
grep -oE 'Media stopped: .*' "$work/agent.log" | head -1 | sed 's/^/   /' || true
if $mqtt; then
  echo "   MQTT: $(grep -oE 'Connected to MQTT broker [^ ]+' "$work/agent.log" | head -1 || echo 'never connected'); the broker received $(grep -c 'Received PUBLISH from bench-call' "$work/broker/mosquitto.log" || true) publishes, $(grep -c 'Received PUBLISH from bench-call.*/calls' "$work/broker/mosquitto.log" || true) of them a call record (calls topic)"
fi
if [ $recording = on ]; then
  file=$(ls "$data"/recordings/*.opus 2>/dev/null | head -1)
  if [ -n "$file" ] && command -v opusinfo >/dev/null; then
    echo "   recording: $(stat -c %s "$file") bytes, $(opusinfo "$file" 2>/dev/null | grep -E 'Playback length' | sed 's/^[[:space:]]*//')"
  fi
fi
echo "   load: $(uptime | sed 's/.*load average/load average/')"
[ "$sipp_exit" -eq 0 ] || { echo "FAIL: sipp exit $sipp_exit"; tail -5 "$work/sipp.out"; exit 1; }
$baresip || exit 0

# The same call to baresip: auto-answer, PCMU, the sndfile module writing both directions of the call as WAV files.
# Its microphone is a 400 Hz tone file longer than the call (aufile ends the call when its file ends).
command -v baresip >/dev/null || { echo "baresip not found (apt-get install baresip)" >&2; exit 1; }
bs_port=$(free_port)
bs_ctrl=$(free_port)
mkdir -p "$work/baresip" "$work/baresip-rec"
python3 -c 'import math, struct, sys, wave
w = wave.open(sys.argv[1], "wb"); w.setnchannels(1); w.setsampwidth(2); w.setframerate(8000)
w.writeframes(b"".join(struct.pack("<h", int(8000 * math.sin(2 * math.pi * 400 * i / 8000))) for i in range(8000 * int(sys.argv[2]))))' "$work/baresip/tone.wav" $(( seconds + 30 ))
cat > "$work/baresip/config" <<EOF
module_path /usr/lib/baresip/modules
sip_listen 127.0.0.1:$bs_port
audio_source aufile,$work/baresip/tone.wav
audio_player aubridge,nil
audio_alert aubridge,nil
snd_path $work/baresip-rec
ctrl_tcp_listen 127.0.0.1:$bs_ctrl
module g711.so
module aufile.so
module aubridge.so
module sndfile.so
module account.so
module menu.so
module ctrl_tcp.so
EOF
echo "<sip:1001@127.0.0.1:$bs_port>;regint=0;answermode=auto;audio_codecs=PCMU" > "$work/baresip/accounts"
: > "$work/baresip/contacts"
echo "== the same call to baresip (auto-answer, PCMU, its sndfile module recording both legs as WAV)"
( cd "$work/baresip" && exec baresip -f "$work/baresip" > "$work/baresip.log" 2>&1 ) &
baresip_pid=$!
for _ in $(seq 1 100); do grep -q 'baresip is ready' "$work/baresip.log" && break; kill -0 $baresip_pid 2>/dev/null || break; sleep 0.1; done
grep -q 'baresip is ready' "$work/baresip.log" || { echo "!! baresip did not get ready:"; tail -20 "$work/baresip.log"; exit 1; }
start_call "$bs_port" "$work/sipp-baresip.out"
for _ in $(seq 1 300); do grep -qi 'call established' "$work/baresip.log" && break; kill -0 $sipp_pid 2>/dev/null || break; sleep 0.05; done
startup_peak=$(peak_then_reset $baresip_pid)
c0=$(ticks $baresip_pid); s0=$(now_ms)
sleep $(( seconds - 2 ))
smaps_table=$(save_smaps $baresip_pid baresip)
end_call
c1=$(ticks $baresip_pid); s1=$(now_ms)
echo "   sipp exit $sipp_exit (0: the call completed)"
echo "   baresip during the call: $(( (c1 - c0) * 1000 / hz )) ms CPU over $(( s1 - s0 )) ms = $(share $((c1 - c0)) $((s1 - s0))) % of one core"
echo "   $(memory_of $baresip_pid); before the call: peak $startup_peak MiB"
[ -z "$smaps" ] || printf '   resident by mapping, 2 s before the call ends (%s/baresip.smaps):\n%s\n' "$smaps" "$smaps_table"
echo "   recording: $(find "$work/baresip-rec" -name '*.wav' | wc -l) WAV files, $(du -cb "$work"/baresip-rec/* 2>/dev/null | tail -1 | cut -f1) bytes"
[ "$sipp_exit" -eq 0 ] || { echo "FAIL: sipp exit $sipp_exit (baresip)"; tail -5 "$work/sipp-baresip.out"; exit 1; }
