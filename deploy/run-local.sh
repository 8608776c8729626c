#!/usr/bin/env bash
# `make run`: the whole system on this machine, as a narrated demo, with embedded defaults:
# callsync-hub (SQLite, embedded MQTT broker) + two desk phones (callsync-agent, simulated board) + a companion
# (callsync-companion) that uploads the recordings it receives to the hub; the hub serves the web app
# (out/web/wwwroot). Everything listens on 127.0.0.1 free ports; all state and logs are under ./run/.
# After the demo everything keeps running until Ctrl-C, which stops every process this script started; it ends by
# printing the web app's address and the demo users' credentials.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$PWD/out/bin
run=$PWD/run
for exe in callsync-hub callsync-agent callsync callsync-companion; do
  [ -x "$bin/$exe" ] || { echo "missing $bin/$exe: run 'make build' first" >&2; exit 1; }
done
web=$PWD/out/web/wwwroot
[ -f "$web/index.html" ] || { echo "missing $web/index.html: run 'make build' (or 'make web-publish') first" >&2; exit 1; }
rm -rf "$run" && mkdir -p "$run"

# ---------------------------------------------------------------- helpers
pids=()
cleanup() {
  trap - EXIT INT TERM
  echo
  echo "== stopping: the companion, the phones (they publish offline), then the hub"
  local i p
  # reverse start order: the companion and the phones first (they publish 'offline'), the hub and its broker last
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    p=${pids[i]}
    kill -TERM "$p" 2>/dev/null || continue
    for _ in $(seq 1 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$p" 2>/dev/null || true
  done
  wait 2>/dev/null || true
  echo "stopped; state and logs are kept in run/"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
step() { echo; echo "== $*"; }
say() { echo "   $*"; }
indent() { sed 's/^/     /'; }
fail() { echo "!! $*" >&2; exit 1; }
note() { echo "!! NOTE: $*"; }
# wait_for SECONDS DESCRIPTION COMMAND...: poll every 0.2 s, bounded.
wait_for() {
  local seconds=$1 what=$2; shift 2
  local end=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    [ $SECONDS -lt $end ] || return 1
    sleep 0.2
  done
}
show_log() { # show_log FILE PATTERN [N]: the last N matching lines of a log
  grep -E "$2" "$1" 2>/dev/null | tail -n "${3:-5}" | cut -c1-220 | indent || true
}

hub_port=$(free_port)
mqtt_port=$(free_port)
sip1=$(free_port)
sip2=$(free_port)
comp1=$(free_port)
hub="http://127.0.0.1:$hub_port"
admin_new_pw=$(openssl rand -hex 12)
user_pw=$(openssl rand -hex 12)

api() { # api TOKEN METHOD PATH [JSON]: prints the body, then the status on the last line
  local token=$1 method=$2 path=$3 body=${4:-}
  local args=(-sS -X "$method" -H "Authorization: Bearer $token" -w '\n%{http_code}' "$hub$path")
  [ -n "$body" ] && args+=(-H 'Content-Type: application/json' -d "$body")
  curl "${args[@]}"
}
api_ok() { # api_ok TOKEN METHOD PATH [JSON]: the body; fails on a non-2xx status
  local out status
  out=$(api "$@")
  status=${out##*$'\n'}
  out=${out%$'\n'*}
  case $status in 2??) printf '%s' "$out" ;; *) echo "!! $2 $3 -> $status $out" >&2; return 1 ;; esac
}
token_for() {
  curl -sS -f -H 'Content-Type: application/json' -d "{\"userId\":\"$1\",\"password\":\"$2\"}" "$hub/api/v1/auth/token" | jq -r .accessToken
}
cli1() { echo "   \$ callsync --config run/desk-0001.json $*"; "$bin/callsync" --config "$run/desk-0001.json" "$@" 2>&1 | indent || true; }
cli2() { echo "   \$ callsync --config run/desk-0002.json $*"; "$bin/callsync" --config "$run/desk-0002.json" "$@" 2>&1 | indent || true; }

# ---------------------------------------------------------------- 1. hub
step "1. callsync-hub with nothing configured but its ports: it sets itself up in run/hub/ (SQLite, secrets, embedded broker on 127.0.0.1:$mqtt_port)"
say "it also serves the web app from out/web/wwwroot (Web:Root) and accepts recordings from the apps (Recordings:Upload = allowed)"
"$bin/callsync-hub" --Http:Urls="$hub" --Mqtt:EmbeddedPort="$mqtt_port" --Storage:DataDir="$run/hub" \
  --Security:PasswordIterations=100000 --Web:Root="$web" --Recordings:Upload=allowed --Recordings:Directory="$run/hub/recordings" \
  > "$run/hub.log" 2>&1 &
pids+=($!)
wait_for 60 "hub" curl -sf "$hub/healthz" || { tail -20 "$run/hub.log"; fail "the hub did not answer $hub/healthz within 60 s (run/hub.log)"; }
say "hub: $hub   (OpenAPI: $hub/openapi/v1.json)"
show_log "$run/hub.log" "broker|[Dd]ata directory|Bootstrap|migration" 6
admin_pw=$(sed -n 's/.*One-time password (shown only now): \(.*\)$/\1/p' "$run/hub.log" | head -1)
[ -n "$admin_pw" ] || fail "the hub printed no one-time admin password (run/hub.log)"
admin_token=$(token_for admin "$admin_pw") || fail "admin sign-in with the one-time password failed"
api_ok "$admin_token" PUT /api/v1/me/password "{\"currentPassword\":\"$admin_pw\",\"newPassword\":\"$admin_new_pw\"}" >/dev/null \
  || fail "changing the admin password failed"
printf '%s\n' "$admin_new_pw" > "$run/admin-password" && chmod 600 "$run/admin-password"
admin_token=$(token_for admin "$admin_new_pw") || fail "admin sign-in failed"
say "signed in as admin with the printed one-time password and set a new one (PUT /api/v1/me/password; kept in run/admin-password, 0600)"
say "the hub's generated files: $(cd "$run/hub" && stat -c '%n %a' token-secret broker-password | tr '\n' ' ')"

# ---------------------------------------------------------------- 2. register the phones
step "2. the admin registers two desk phones and gets a one-time enrollment code for each (no keys change hands)"
code1=$(api_ok "$admin_token" POST /api/v1/admin/devices '{"deviceId":"desk-0001","deskNumber":"1001"}' | jq -r .code) || fail "registering desk-0001 failed"
code2=$(api_ok "$admin_token" POST /api/v1/admin/devices '{"deviceId":"desk-0002","deskNumber":"1002"}' | jq -r .code) || fail "registering desk-0002 failed"
say "POST /api/v1/admin/devices: desk-0001 -> code $code1, desk-0002 -> code $code2 (single use, valid 24 h)"

# ---------------------------------------------------------------- 3. agents and enrollment
step "3. two desk phones on simulated boards: desk-0001 (1001) and desk-0002 (1002, auto-answer), enrolled with their codes"
say "There is no PBX here: desk-0001 gets Sip:Domain = desk-0002's SIP address (127.0.0.1:$sip2) and no registrar,"
say "so a plain number dialled on desk-0001 (1002) goes as sip:1002@127.0.0.1:$sip2 straight to desk-0002."
say "desk-0002 has its code in its configuration (Enrollment:Url/Code); desk-0001's technician runs 'callsync enroll'."
cat > "$run/desk-0001.json" <<JSON
{ "Device":    { "Id": "desk-0001", "Number": "1001", "DataDir": "$run/desk-0001" },
  "Board":     { "Kind": "simulated", "Microphone": "tone:400", "Speaker": "$run/desk-0001-speaker.wav", "ControlInput": false },
  "Sip":       { "Listen": ["udp:127.0.0.1:$sip1", "tcp:127.0.0.1:$sip1"], "Domain": "127.0.0.1:$sip2", "AutoAnswer": "off" },
  "Rtp":       { "PortMin": 21000, "PortMax": 21099 },
  "Recording": { "Enabled": true },
  "Companion": { "Listen": "tcp:127.0.0.1:$comp1" } }
JSON
cat > "$run/desk-0002.json" <<JSON
{ "Device":     { "Id": "desk-0002", "Number": "1002", "DataDir": "$run/desk-0002" },
  "Board":      { "Kind": "simulated", "Microphone": "tone:1000", "Speaker": "$run/desk-0002-speaker.wav", "ControlInput": false },
  "Sip":        { "Listen": ["udp:127.0.0.1:$sip2", "tcp:127.0.0.1:$sip2"], "AutoAnswer": "on" },
  "Rtp":        { "PortMin": 21100, "PortMax": 21199 },
  "Recording":  { "Enabled": true },
  "Enrollment": { "Url": "$hub", "Code": "$code2" } }
JSON
chmod 600 "$run/desk-0001.json" "$run/desk-0002.json"
for d in desk-0001 desk-0002; do
  "$bin/callsync-agent" --config "$run/$d.json" < /dev/null > "$run/$d.log" 2>&1 &
  pids+=($!)
done
for d in desk-0001 desk-0002; do
  wait_for 60 "$d" test -S "$run/$d/control.sock" || { tail -20 "$run/$d.log"; fail "$d did not open its control socket within 60 s (run/$d.log)"; }
done
cli1 enroll "$hub" "$code1"
device_online() { api_ok "$admin_token" GET "/api/v1/devices/$1" | jq -e '.online == true'; }
for d in desk-0001 desk-0002; do
  if wait_for 30 "$d online" device_online "$d"; then
    say "GET /api/v1/devices/$d: $(api_ok "$admin_token" GET "/api/v1/devices/$d" | jq -c .)"
  else
    note "the hub has not seen $d online over MQTT within 30 s"; show_log "$run/$d.log" "[Mm]qtt|MQTT|[Ee]nroll" 5
  fi
done
say "what each phone stored (0600): $(stat -c '%n %a' "$run"/desk-000?/credentials.json | sed "s|$run/||" | tr '\n' ' ')"
show_log "$run/desk-0002.log" "[Ee]nroll" 2
cli1 status
cli2 status

# ---------------------------------------------------------------- 4. companion pairing and binding
step "4. pair the app user's phone (callsync-companion) with desk-0001, then bind the user in the hub"
api_ok "$admin_token" POST /api/v1/admin/users \
  "{\"userId\":\"alice\",\"password\":\"$user_pw\",\"role\":\"user\",\"numberPatterns\":[]}" | jq -c . | indent
say "app user 'alice' created (no number patterns: a plain binding request would wait for an admin)"
phone_state=$run/phone
echo "   \$ callsync-companion --connect tcp:127.0.0.1:$comp1 --state run/phone pair --user alice --yes"
"$bin/callsync-companion" --connect "tcp:127.0.0.1:$comp1" --state "$phone_state" pair --user alice --name "alice's phone" --yes \
  > "$run/pair.log" 2>&1 &
pair_pid=$!
pids+=($pair_pid)
paired=0
if wait_for 30 "pairing code" grep -q "Pairing code" "$run/pair.log"; then
  indent < "$run/pair.log"
  say "the desk phone shows the same code:"
  cli1 board show
  say "the desk phone user confirms with '#':"
  cli1 board key '#'
  for _ in $(seq 1 150); do kill -0 $pair_pid 2>/dev/null || break; sleep 0.2; done
  if wait $pair_pid; then paired=1; fi
  tail -n +3 "$run/pair.log" | grep -v "Pairing code\|Confirm the same" | indent || true
else
  indent < "$run/pair.log"
fi
if [ $paired = 1 ]; then
  cli1 companions list
  alice_token=$(token_for alice "$user_pw")
  attestation=$(jq -r .attestation "$phone_state/companion.json")
  signature=$(jq -r .attestationSignature "$phone_state/companion.json")
  say "the attestation signed by desk-0001: $(printf '%s' "$attestation" | base64 -d)"
  say "flow (c): alice presents it: POST /api/v1/bindings/attestation"
  api_ok "$alice_token" POST /api/v1/bindings/attestation \
    "{\"attestation\":\"$attestation\",\"signature\":\"$signature\"}" | jq -c . | indent || note "the hub refused the attestation"
  say "GET /api/v1/bindings (as alice):"
  api_ok "$alice_token" GET /api/v1/bindings | jq -c '.[]' | indent
else
  note "pairing did not complete (run/pair.log, run/desk-0001.log); binding alice by admin approval instead"
  show_log "$run/desk-0001.log" "[Cc]ompanion|[Pp]air" 5
  api_ok "$admin_token" POST /api/v1/admin/bindings/alice/desk-0001/approve '{"canDial":true}' | jq -c . | indent
  alice_token=$(token_for alice "$user_pw")
fi

# ---------------------------------------------------------------- 5. remote dial through the hub
step "5. alice asks the hub to dial 1002 on desk-0001 (signed MQTT command; desk-0002 answers automatically)"
dial=$(api_ok "$alice_token" POST /api/v1/devices/desk-0001/dial '{"number":"1002"}') || dial='{}'
echo "$dial" | jq -c . | indent
request_id=$(echo "$dial" | jq -r '.requestId // empty')
record_id=
last=$(echo "$dial" | jq -r '.status // empty')
d=$dial
poll_dial() { # poll_dial SECONDS STOP-STATES...: print status changes until one of the states (bounded)
  local end=$((SECONDS + $1)) s; shift
  while [ $SECONDS -lt $end ]; do
    d=$(api_ok "$alice_token" GET "/api/v1/dials/$request_id") || return 1
    s=$(echo "$d" | jq -r .status)
    if [ "$s" != "$last" ]; then say "GET /api/v1/dials/${request_id:0:8}...: $last -> $s"; last=$s; fi
    for stop in "$@"; do [ "$s" = "$stop" ] && return 0; done
    sleep 0.3
  done
  return 1
}
if [ -n "$request_id" ]; then
  poll_dial 20 accepted succeeded failed rejected timed-out || note "the phone did not accept the command within 20 s"
fi
call_up() { "$bin/callsync" --config "$run/desk-0001.json" status 2>/dev/null | grep -q "call: .*answered"; }
if wait_for 20 "call answered" call_up; then
  say "desk-0001 dialled sip:1002@127.0.0.1:$sip2, desk-0002 answered; the phones' view:"
else
  note "the call was not answered within 20 s"
fi
cli1 status | grep -E "callsync|call:" || true
cli2 status | grep -E "callsync|call:" || true
say "(the phone replies to the command when the call is over, so the dial stays 'accepted' while it lasts)"
sleep 4
say "after a few seconds desk-0001 hangs up:"
cli1 hangup
if [ -n "$request_id" ]; then
  poll_dial 30 succeeded failed rejected timed-out || note "no final dial status within 30 s"
  echo "$d" | jq -c . | indent
  record_id=$(echo "$d" | jq -r '.recordId // empty')
  [ "$last" = succeeded ] || note "the dial ended as '$last'"
fi
say "the hub's log (run/hub.log):"
show_log "$run/hub.log" "\[706[0-9]\]|\[703[0-9]\]" 4
say "desk-0001's log (run/desk-0001.log):"
show_log "$run/desk-0001.log" "Media stopped|Recording .* finished|split:|Command .* (succeeded|failed|rejected)" 6

# ---------------------------------------------------------------- 6. more calls for the call log
step "6. two more calls for the call log, dialled on desk-0001 itself ('callsync dial'), 2 s and 5 s of talk"
call_idle() { "$bin/callsync" --config "$run/desk-0001.json" status 2>/dev/null | grep -q "call: idle"; }
for talk in 2 5; do
  wait_for 20 "desk-0001 idle" call_idle || note "desk-0001 still has a call after 20 s"
  cli1 dial 1002
  if wait_for 20 "call answered" call_up; then sleep "$talk"; else note "the call was not answered within 20 s"; fi
  cli1 hangup
done
wait_for 20 "desk-0001 idle" call_idle || note "desk-0001 still has a call after 20 s"

# ---------------------------------------------------------------- 7. the record everywhere
step "7. the call records: in the hub (via MQTT), on the phone, and the recordings on alice's phone, uploaded to the hub"
record_in_hub() {
  if [ -n "$record_id" ]; then api_ok "$alice_token" GET "/api/v1/records/$record_id"
  else api_ok "$alice_token" GET "/api/v1/records?deviceId=desk-0001&limit=1" | jq -e '.items | length > 0'; fi
}
if wait_for 30 "record in hub" record_in_hub; then
  if [ -n "$record_id" ]; then
    say "GET /api/v1/records/$record_id (as alice):"
    api_ok "$alice_token" GET "/api/v1/records/$record_id" | jq -c 'del(.record)' | indent
  else
    say "GET /api/v1/records?deviceId=desk-0001 (as alice):"
    api_ok "$alice_token" GET "/api/v1/records?deviceId=desk-0001&limit=1" | jq -c '.items[] | del(.record)' | indent
  fi
else
  note "the hub has no record of the call after 30 s"; show_log "$run/hub.log" "ingest|record" 5
fi
cli1 calls --last 3
cli2 calls --last 3
if [ $paired = 1 ]; then
  mkdir -p "$run/phone-inbox"
  say "alice's phone receives the recordings over the companion link and uploads each to the hub in chunks with her"
  say "access token (PUT /api/v1/records/{recordId}/recording, Content-Range; the hub checks size and SHA-256):"
  echo "   \$ CALLSYNC_TOKEN=<alice's token> callsync-companion --connect tcp:127.0.0.1:$comp1 --state run/phone listen --once --out run/phone-inbox --upload $hub"
  CALLSYNC_TOKEN=$alice_token timeout 120 "$bin/callsync-companion" --connect "tcp:127.0.0.1:$comp1" --state "$phone_state" listen --once \
    --out "$run/phone-inbox" --upload "$hub" 2>&1 | indent || note "receiving or uploading the recordings failed"
  for f in "$run"/phone-inbox/*.opus; do
    [ -e "$f" ] || { note "no recording arrived in run/phone-inbox"; break; }
    say "run/phone-inbox/$(basename "$f"): $(stat -c %s "$f") bytes"
    if command -v opusinfo >/dev/null; then
      opusinfo "$f" 2>&1 | grep -E "Channels|Playback length|Average bitrate|Original sample rate" | indent || true
    fi
  done
  if [ -n "$record_id" ]; then
    say "GET /api/v1/records/$record_id/recording/status (as alice):"
    api_ok "$alice_token" GET "/api/v1/records/$record_id/recording/status" | jq -c . | indent || true
  fi
  say "on the hub: $(ls "$run"/hub/recordings/*.opus 2>/dev/null | wc -l) recording(s) in run/hub/recordings/"
else
  say "(no companion paired: skipping the recording delivery)"
fi

# ---------------------------------------------------------------- summary
step "the system keeps running; Ctrl-C stops everything"
cat <<TEXT
   web app    open $hub/ in a browser (Chromium, Firefox, Safari; installable as an app)
              salesperson: alice / $user_pw   (bound to desk-0001: its calls, recordings, dial)
              admin:       admin / $admin_new_pw   (also in run/admin-password)
   hub        $hub  (data run/hub/: database, generated secrets; admin password run/admin-password; log run/hub.log)
   MQTT       mqtt://127.0.0.1:$mqtt_port (embedded in the hub)
   desk-0001  1001  sip udp/tcp 127.0.0.1:$sip1, companion tcp:127.0.0.1:$comp1  (run/desk-0001.json, run/desk-0001/, run/desk-0001.log)
   desk-0002  1002  sip udp/tcp 127.0.0.1:$sip2, auto-answer                 (run/desk-0002.json, run/desk-0002/, run/desk-0002.log)
   companion  run/phone/ (alice's pairing), run/phone-inbox/ (recordings)
   try:       out/bin/callsync --config run/desk-0001.json dial 1002
              out/bin/callsync --config run/desk-0001.json board show
              out/bin/callsync-companion --connect tcp:127.0.0.1:$comp1 --state run/phone dial 1002 --follow
TEXT
while true; do
  for p in "${pids[@]}"; do
    [ "$p" = "$pair_pid" ] && continue
    kill -0 "$p" 2>/dev/null || { note "process $p exited; see run/*.log"; exit 1; }
  done
  sleep 2 &
  wait $! || true
done
