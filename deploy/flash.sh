#!/usr/bin/env bash
# Installs a published build on a board over ssh, keeping the previous release for rollback.
# usage: deploy/flash.sh out/publish/<profile> user@board [agent.json]
# The new release goes to /opt/callsync/releases/<version>; /opt/callsync/current is switched to it and the
# service restarted. If the agent does not report ready within 60 s, the previous release is restored.
set -euo pipefail
release_dir=${1:?usage: deploy/flash.sh out/publish/PROFILE user@board [agent.json]}
target=${2:?usage: deploy/flash.sh out/publish/PROFILE user@board [agent.json]}
config=${3:-}
version=$(cat "$release_dir/VERSION")-$(date -u +%Y%m%d%H%M%S)

echo "flashing $release_dir to $target as $version"
ssh "$target" "sudo mkdir -p /opt/callsync/releases/$version /etc/callsync && sudo chown \$(id -u) /opt/callsync/releases/$version"
scp -q -r "$release_dir"/. "$target:/opt/callsync/releases/$version/"
[ -z "$config" ] || scp -q "$config" "$target:/tmp/callsync-agent.json"

ssh "$target" VERSION="$version" CONFIG="$config" 'bash -s' <<'REMOTE'
set -euo pipefail
sudo id callsync >/dev/null 2>&1 || sudo useradd --system --home /var/lib/callsync --shell /usr/sbin/nologin callsync
[ -z "$CONFIG" ] || sudo install -m 0640 -o root -g callsync /tmp/callsync-agent.json /etc/callsync/agent.json
previous=$(readlink /opt/callsync/current || true)
sudo ln -sfn "/opt/callsync/releases/$VERSION" /opt/callsync/current
sudo install -m 0644 "/opt/callsync/releases/$VERSION/callsync-agent.service" /etc/systemd/system/callsync-agent.service
sudo systemctl daemon-reload
sudo systemctl enable --quiet callsync-agent
sudo systemctl restart callsync-agent || true
# Type=notify: "active" means the agent said READY=1.
for _ in $(seq 1 60); do
  if systemctl is-active --quiet callsync-agent; then
    echo "agent is up: $(sudo /opt/callsync/current/callsync --config /etc/callsync/agent.json status | head -1)"
    exit 0
  fi
  sleep 1
done
echo "agent did not become ready; rolling back to ${previous:-nothing}" >&2
sudo journalctl -u callsync-agent -n 20 --no-pager >&2 || true
if [ -n "$previous" ]; then
  sudo ln -sfn "$previous" /opt/callsync/current
  sudo systemctl restart callsync-agent
fi
exit 1
REMOTE
