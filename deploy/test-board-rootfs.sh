#!/usr/bin/env bash
# Makes the emulated boards' root file system once and caches it outside the repository (default
# /var/cache/callsync-test-board/rootfs; CALLSYNC_TEST_BOARD_ROOTFS overrides it): a minimal Debian 12 with systemd,
# sshd and the native libraries the agent loads. The flashing tests boot each board with systemd-nspawn over an
# overlay of it, so this runs once per machine (debootstrap takes a few minutes), not once per test run.
# The agent on these boards is framework-dependent: the tests bind the host's /usr/share/dotnet read-only.
set -euo pipefail
root=${CALLSYNC_TEST_BOARD_ROOTFS:-/var/cache/callsync-test-board/rootfs}
stamp=$root/etc/callsync-test-board
[ -f "$stamp" ] && { echo "test board rootfs: cached in $root"; exit 0; }
[ "$(id -u)" -eq 0 ] || { echo "test board rootfs: run as root to create $root" >&2; exit 1; }
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
partial=$root.partial
rm -rf "$partial"
mkdir -p "$(dirname "$root")"
echo "test board rootfs: debootstrap into $root (once)"
debootstrap --variant=minbase \
  --include=systemd,systemd-sysv,dbus,openssh-server,iproute2,libopus0,libopusenc0,libspandsp2,libicu72,ca-certificates \
  bookworm "$partial" "$mirror" >/dev/null
chroot "$partial" ssh-keygen -A >/dev/null
# The unit's SupplementaryGroups: a board image has them (audio comes with Debian); without them systemd refuses to start it.
chroot "$partial" groupadd -f gpio
chroot "$partial" groupadd -f bluetooth
# Root logs in with the key each test writes into its board's overlay; nothing else.
printf 'PermitRootLogin prohibit-password\nPasswordAuthentication no\nUseDNS no\n' > "$partial/etc/ssh/sshd_config.d/callsync-test.conf"
chroot "$partial" systemctl enable ssh.service >/dev/null 2>&1
# The boards need no getty on a console nobody reads.
chroot "$partial" systemctl mask console-getty.service getty@tty1.service >/dev/null 2>&1 || true
mkdir -p "$partial/usr/share/dotnet" "$partial/etc/dotnet"
echo /usr/share/dotnet > "$partial/etc/dotnet/install_location"
date -u +%FT%TZ > "$partial/etc/callsync-test-board"
mv -T "$partial" "$root"
echo "test board rootfs: ready in $root"
