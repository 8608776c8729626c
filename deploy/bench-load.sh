#!/usr/bin/env bash
# Load run: sipp's built-in uac calls the published agent (out/bin/callsync-agent, auto-answer at once) at a fixed
# rate for a fixed number of short calls, then prints sipp's final counters (successful, failed, retransmissions),
# the agent's CPU time per call (utime + stime from /proc/<pid>/stat, before/after), its peak RSS (VmHWM) and the
# kernel's UDP receive-buffer drops during the run. Exit 0 only with every call successful and no retransmission.
#
#   deploy/bench-load.sh [--rate 400] [--calls 2000] [--duration-ms 100] [--recording on|off] [--max-calls 2000]
#                        [--warmup 0] [--log-level Information] [--probe 0] [--trace FILE.nettrace] [--keep]
#
# --warmup N first places N calls at 100 calls/s and leaves them out of the figures (the JIT compiles and
# re-compiles ~10,000 methods over the first thousand calls, which otherwise dominates a short run's CPU time).
# --probe N also sends N OPTIONS/s from a second sipp during the run (deploy/sipp/options-probe.xml) and prints their
# round trips (p50, p99, max): how long a request waited on the agent's SIP receive path while calls were answered.
# --trace records a CPU sample profile of the agent during the run with dotnet-trace (must be on PATH).
# Everything runs on 127.0.0.1 free ports in a temp directory, removed afterwards unless --keep.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${BENCH_AGENT_BIN:-$PWD/out/bin}   # BENCH_AGENT_BIN: another published build (CALLSYNC_* would be read as agent configuration)

rate=400 calls=2000 duration=100 recording=on max_calls=2000 warmup=0 log_level=Information probe=0 trace="" keep=false
while [ $# -gt 0 ]; do
  case $1 in
    --rate) rate=$2; shift 2 ;;
    --calls) calls=$2; shift 2 ;;
    --duration-ms) duration=$2; shift 2 ;;
    --recording) recording=$2; shift 2 ;;
    --max-calls) max_calls=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --log-level) log_level=$2; shift 2 ;;
    --probe) probe=$2; shift 2 ;;
    --trace) trace=$2; shift 2 ;;
    --keep) keep=true; shift ;;
    *) echo "usage: $0 [--rate N] [--calls N] [--duration-ms MS] [--recording on|off] [--max-calls N] [--warmup N] [--log-level LEVEL] [--probe N] [--trace FILE] [--keep]" >&2; exit 2 ;;
  esac
done
case $recording in on) rec_json=true ;; off) rec_json=false ;; *) echo "--recording on|off" >&2; exit 2 ;; esac
[ -x "$bin/callsync-agent" ] || { echo "missing $bin/callsync-agent: run 'make build' first" >&2; exit 1; }
command -v sipp >/dev/null || { echo "sipp not found (apt-get install sip-tester)" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/callsync-bench-load.XXXXXX")
agent_pid=""
cleanup() {
  if [ -n "$agent_pid" ] && kill -0 "$agent_pid" 2>/dev/null; then
    kill -TERM "$agent_pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$agent_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$agent_pid" 2>/dev/null || true
  fi
  if $keep; then echo "kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

# free_port, free_range COUNT (the agent's RTP range).
# shellcheck source=deploy/bench-lib.sh
. deploy/bench-lib.sh
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }       # utime + stime, in clock ticks
udp_rcvbuf_errors() { awk '/^Udp:/ { if (n++) print $6 }' /proc/net/snmp; }
# Datagrams the kernel dropped on one bound UDP port (the last column of /proc/net/udp), e.g. the agent's SIP socket.
port_drops() { awk -v p="$(printf ':%04X' "$1")" '$2 ~ p"$" { d += $NF } END { print d + 0 }' /proc/net/udp; }
hz=$(getconf CLK_TCK)

sip_port=$(free_port)
sipp_port=$(free_port)
sipp_media=$(free_port)
probe_port=$(free_port)
# Two ports per call (RTP, RTCP); the agent holds at most MaxCalls at once.
rtp_count=$(( max_calls * 2 + 2 ))
[ $rtp_count -le 16000 ] || rtp_count=16000
rtp_min=$(free_range $rtp_count)
data=$work/data
cat > "$work/agent.json" <<EOF
{ "Device": { "Id": "bench-load", "Number": "1001", "DataDir": "$data" },
  "Board": { "Kind": "simulated", "ControlInput": false },
  "Sip": { "Listen": ["udp:127.0.0.1:$sip_port"], "AutoAnswer": "on", "MaxCalls": $max_calls },
  "Rtp": { "PortMin": $rtp_min, "PortMax": $(( rtp_min + rtp_count - 1 )) },
  "Recording": { "Enabled": $rec_json },
  "Logging": { "FloodLimit": 0, "LogLevel": { "Default": "$log_level", "CallSync.Agent.Hosting.ReadinessReporter": "Information" } } }
EOF

echo "== load run: $calls calls at $rate calls/s, ${duration} ms each, recording $recording, Sip:MaxCalls $max_calls, log level $log_level, warm-up $warmup calls"
echo "   machine: $(nproc) cores, $(uptime | sed 's/^ *//')"
"$bin/callsync-agent" --config "$work/agent.json" > "$work/agent.log" 2>&1 &
agent_pid=$!
for _ in $(seq 1 150); do grep -q 'Ready\.' "$work/agent.log" && break; kill -0 $agent_pid 2>/dev/null || break; sleep 0.2; done
grep -q 'Ready\.' "$work/agent.log" || { echo "!! the agent did not get ready:"; tail -20 "$work/agent.log"; exit 1; }

# Records split so far, from the agent's log (Information level; the history file keeps only the newest 1000).
records() { if [ "$log_level" = Information ]; then grep -c '\] Record .* split (' "$work/agent.log" || true; else echo "?"; fi; }
# wait_quiet: after a run, until the agent has finished its calls' records: it used under 50 ms of CPU in a
# second (bounded to 60 s).
wait_quiet() {
  local a b
  for _ in $(seq 1 60); do
    kill -0 $agent_pid 2>/dev/null || return 1
    a=$(ticks $agent_pid); sleep 1; b=$(ticks $agent_pid)
    [ $(( (b - a) * 1000 / hz )) -lt 50 ] && return 0
  done
  return 1
}
warm_records=0
if [ "$warmup" -gt 0 ]; then
  ( cd "$work" && sipp -sn uac "127.0.0.1:$sip_port" -s 1001 -i 127.0.0.1 -p "$sipp_port" -mp "$sipp_media" -rtp_echo \
      -r 100 -m "$warmup" -d "$duration" -nostdin -timeout 300 > "$work/warmup.out" 2>&1 ) || true
  wait_quiet || true
  warm_records=$(records)
  [ "$warm_records" != "?" ] || warm_records=0
  echo "   warm-up: $warm_records records for $warmup calls"
fi

# Idle cost over 3 s, so the per-call figure can be read net of it.
idle0=$(ticks $agent_pid); sleep 3; idle1=$(ticks $agent_pid)
trace_pid=""
if [ -n "$trace" ]; then
  # Thread-time samples (~100 Hz) for the first 8 s of the run; the trace stops by itself.
  dotnet-trace collect -p $agent_pid --profile dotnet-sampled-thread-time --duration 00:00:00:10 -o "$trace" > "$work/trace.log" 2>&1 < /dev/null &
  trace_pid=$!
  sleep 2
fi

udp0=$(udp_rcvbuf_errors)
sipdrop0=$(port_drops "$sip_port")
cpu0=$(ticks $agent_pid)
start_ns=$(date +%s%N)
probe_pid=""
if [ "$probe" -gt 0 ]; then
  cp deploy/sipp/options-probe.xml "$work/"
  ( cd "$work" && exec sipp -sf options-probe.xml "127.0.0.1:$sip_port" -s 1001 -i 127.0.0.1 -p "$probe_port" \
      -r "$probe" -m $(( probe * (calls / rate + 3) )) -trace_rtt -rtt_freq 1 -nostdin -timeout 300 > "$work/probe.out" 2>&1 ) &
  probe_pid=$!
fi
set +e
( cd "$work" && TIMEFORMAT='%U %S' && time sipp -sn uac "127.0.0.1:$sip_port" -s 1001 -i 127.0.0.1 -p "$sipp_port" \
    -mp "$sipp_media" -rtp_echo -r "$rate" -m "$calls" -d "$duration" -nostdin \
    -trace_stat -stf "$work/stat.csv" -fd 1 -trace_screen -screen_file "$work/screen.log" \
    -timeout 300 -timeout_error > "$work/sipp.out" 2>&1 ) 2> "$work/sipp.time"
sipp_exit=$?
set -e
end_ns=$(date +%s%N)

# sipp ends when the last BYE is answered; the agent then finishes the last records. Wait for it (bounded).
wait_quiet || true
alive=yes
kill -0 $agent_pid 2>/dev/null || alive=no
cpu1=$cpu0 rss=0
if [ $alive = yes ]; then
  cpu1=$(ticks $agent_pid)
  rss=$(awk '/^VmHWM:/ {print $2}' "/proc/$agent_pid/status")
fi
udp1=$(udp_rcvbuf_errors)
sipdrop1=$(port_drops "$sip_port")
if [ -n "$trace_pid" ]; then wait $trace_pid 2>/dev/null || true; fi
if [ -n "$probe_pid" ]; then wait $probe_pid 2>/dev/null || true; fi

# sipp's statistics file: ';'-separated, header row, one row per second; the last row holds the totals.
stat() { python3 - "$work/stat.csv" "$@" <<'EOF'
import csv, sys
rows = list(csv.reader(open(sys.argv[1]), delimiter=';'))
head, last = rows[0], rows[-1]
print(" ".join(last[head.index(k)] if k in head else "?" for k in sys.argv[2:]))
EOF
}
[ -s "$work/stat.csv" ] || { echo "!! sipp wrote no statistics (exit $sipp_exit):"; tail -20 "$work/sipp.out"; exit 1; }
read -r created ok failed retrans timeouts rejected rtt watchdog < <(stat 'TotalCallCreated' 'SuccessfulCall(C)' 'FailedCall(C)' \
  'Retransmissions(C)' 'FailedMaxUDPRetrans(C)' 'FailedCallRejected(C)' 'ResponseTime1(C)' 'WatchdogMajor(C)')
recorded=$(records)
[ "$recorded" = "?" ] || recorded=$(( recorded - warm_records ))
wall_ms=$(( (end_ns - start_ns) / 1000000 ))
cpu_ms=$(( (cpu1 - cpu0) * 1000 / hz ))
idle_ms_per_s=$(awk -v t=$((idle1 - idle0)) -v hz=$hz 'BEGIN { printf "%.1f", t * 1000 / hz / 3 }')
read -r sipp_user sipp_sys < "$work/sipp.time" || true

echo "   sipp: exit $sipp_exit; calls created $created, successful $ok, failed $failed (UDP retransmission timeouts $timeouts, rejected $rejected); retransmissions $retrans; mean INVITE->200 $rtt; sipp watchdog major $watchdog; sipp CPU ${sipp_user:-?} s user ${sipp_sys:-?} s sys"
echo "   agent: alive $alive; records written $recorded; CPU $cpu_ms ms over ${wall_ms} ms of sipp run ($(awk -v c=$cpu_ms -v w=$wall_ms 'BEGIN { printf "%.0f", 100 * c / w }') % of one core), idle $idle_ms_per_s ms/s"
if [ $alive = yes ]; then
  # Every call sipp placed has ended (sipp got its BYE answered), so the agent should be idle again.
  up=$("$bin/callsync" --config "$work/agent.json" status 2>/dev/null | grep -o 'call-id' | wc -l || true)
  echo "   calls the agent still holds after the run ('callsync status'): $up"
fi
echo "   agent CPU per call: $(awk -v c=$cpu_ms -v n=$calls 'BEGIN { printf "%.2f", c / n }') ms; peak RSS $(( rss / 1024 )) MiB"
echo "   kernel UDP receive-buffer drops during the run (whole machine): $(( udp1 - udp0 )), of them on the agent's SIP socket: $(( sipdrop1 - sipdrop0 ))"
if [ "$probe" -gt 0 ]; then
  python3 - "$work" <<'EOF'
import csv, glob, sys
values = []
for name in glob.glob(sys.argv[1] + "/options-probe_*_rtt.csv"):
    rows = list(csv.reader(open(name), delimiter=';'))
    values += [float(r[1]) for r in rows[1:] if len(r) > 1 and r[1].replace('.', '', 1).isdigit()]
values.sort()
if values:
    pick = lambda q: values[min(len(values) - 1, int(q * len(values)))]
    print(f"   OPTIONS round trips during the run ({len(values)} probes): p50 {pick(0.5):.2f} ms, p99 {pick(0.99):.2f} ms, max {values[-1]:.2f} ms")
else:
    print("   OPTIONS probe: no round trips recorded")
EOF
  if [ $alive = yes ]; then
    "$bin/callsync" --config "$work/agent.json" status 2>/dev/null | grep -o '[0-9]* messages handled.*' | sed 's/^/   SIP receive path (callsync status): /' || true
  fi
fi
echo "   load: $(uptime | sed 's/.*load average/load average/')"
grep -E ' (warn|fail|crit): ' "$work/agent.log" | sed -E 's/^[0-9:.]+ //; s/[0-9]+/N/g' | sort | uniq -c | sort -rn | head -8 | sed 's/^/   agent log: /' || true
[ $alive = yes ] || { echo "!! the agent died; its last lines:"; tail -5 "$work/agent.log" | cut -c1-240; }
if [ $alive = yes ] && [ "$sipp_exit" -eq 0 ] && [ "$failed" = 0 ] && [ "$retrans" = 0 ]; then
  echo "PASS: no failed call, no retransmission"
else
  echo "FAIL"
  exit 1
fi
