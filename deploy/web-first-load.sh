#!/usr/bin/env bash
# The web app's first-load transfer size, as served by a running hub: index.html, the service worker and its asset
# list, and every file the service worker caches on its first visit (the same include/exclude patterns as
# web/CallSync.Web/wwwroot/service-worker.published.js), each fetched once over HTTP with and without
# `Accept-Encoding: br` / `gzip`. Usage: deploy/web-first-load.sh http://127.0.0.1:PORT
set -euo pipefail
hub=${1:?usage: deploy/web-first-load.sh http://HOST:PORT}
hub=${hub%/}
manifest=$(curl -sSf "$hub/service-worker-assets.js") || { echo "no service-worker-assets.js at $hub (is Web:Root set?)" >&2; exit 1; }
urls=$(printf '%s' "$manifest" | sed -e '1s/^[^{]*//' -e '$s/;[[:space:]]*$//' | jq -r '.assets[].url' \
  | grep -E '\.(dll|pdb|wasm|html|js|json|css|png|blat|dat|webmanifest)$' | grep -vx 'service-worker.js' || true)
[ -n "$urls" ] || { echo "the asset list at $hub names no files" >&2; exit 1; }
# size_download is the bytes on the wire (compressed when the hub sent a .br/.gz copy)
fetch() { curl -sS -o /dev/null -w '%{http_code} %{size_download}\n' -H "Accept-Encoding: $1" "$hub/$2"; }
declare -A total=([identity]=0 [gzip]=0 [br]=0)
files=0
for url in "" service-worker.js service-worker-assets.js $urls; do
  files=$((files + 1))
  for encoding in identity gzip br; do
    read -r status bytes < <(fetch "$encoding" "$url")
    [ "$status" = 200 ] || { echo "GET /$url ($encoding) -> $status" >&2; exit 1; }
    total[$encoding]=$((total[$encoding] + bytes))
  done
done
printf 'files: %d (index.html, service worker, asset list, %d cached assets)\n' "$files" $((files - 3))
for encoding in identity gzip br; do
  printf '%-8s %10d bytes  %8.1f KiB\n' "$encoding" "${total[$encoding]}" "$(echo "${total[$encoding]} / 1024" | bc -l)"
done
