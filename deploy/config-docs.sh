#!/usr/bin/env bash
# Rewrites the generated key reference in docs/configuration.md and docs/hub-configuration.md from the key
# declarations themselves (callsync-agent / callsync-hub --print-config-reference). The tests fail while a
# document differs from what this writes (ConfigurationReferenceTests in the agent's and the hub's tests).
set -euo pipefail
cd "$(dirname "$0")/.."
config=${CONFIG:-Release}
dotnet build firmware/CallSync.Agent/CallSync.Agent.csproj -c "$config" -nologo -clp:ErrorsOnly
dotnet build server/CallSync.Hub/CallSync.Hub.csproj -c "$config" -nologo -clp:ErrorsOnly

splice() { # splice DOC COMMAND...: the lines between the markers of DOC become COMMAND's output
  local doc=$1 reference
  shift
  reference=$(mktemp)
  "$@" --print-config-reference > "$reference"
  grep -q '^<!-- BEGIN generated configuration reference' "$doc" || { rm -f "$reference"; echo "$doc: no BEGIN marker" >&2; exit 1; }
  awk -v reference="$reference" '
    /^<!-- BEGIN generated configuration reference/ { print; while ((getline line < reference) > 0) print line; skip = 1; next }
    /^<!-- END generated configuration reference/ { skip = 0 }
    !skip { print }' "$doc" > "$doc.new"
  mv "$doc.new" "$doc"
  rm -f "$reference"
  echo "updated $doc"
}

splice docs/configuration.md dotnet "firmware/CallSync.Agent/bin/$config/net10.0/callsync-agent.dll"
splice docs/hub-configuration.md dotnet "server/CallSync.Hub/bin/$config/net10.0/callsync-hub.dll"
