#!/usr/bin/env bash
# `make run`: the system on this machine with a simulated board and embedded defaults.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$PWD/out/bin
run=$PWD/run
rm -rf "$run" && mkdir -p "$run"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
sip_port=$(free_port)

cat > "$run/agent.json" <<JSON
{ "Device":   { "Id": "desk-0001", "Number": "1001", "DataDir": "$run/desk-0001" },
  "Board":    { "Kind": "simulated", "Microphone": "tone:400", "Speaker": "$run/desk-0001-speaker.wav" },
  "Sip":      { "Listen": ["udp:127.0.0.1:$sip_port", "tcp:127.0.0.1:$sip_port"], "AutoAnswer": "off" },
  "Recording":{ "Enabled": true } }
JSON

echo "== callsync-agent on the simulated board (config: run/agent.json)"
# The agent reads control commands from this terminal; it runs until Ctrl-C.
"$bin/callsync-agent" --config "$run/agent.json" &
agent=$!
trap 'kill -TERM $agent 2>/dev/null; wait $agent 2>/dev/null' INT TERM

cli() { echo "\$ callsync $*"; "$bin/callsync" --config "$run/agent.json" "$@" | sed 's/^/  /' || true; }
for _ in $(seq 1 100); do [ -S "$run/desk-0001/control.sock" ] && break; sleep 0.1; done
sleep 0.5
echo
echo "== the technician's view"
cli status
cli board key 1002
cli board hook off
cli board show
cli board hook on
echo
echo "== the agent keeps running: type 'help' here, or use out/bin/callsync --config run/agent.json; Ctrl-C stops it"
wait $agent
