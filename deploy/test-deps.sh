#!/usr/bin/env bash
# Installs the Debian packages the tests start as real peers (sipp, baresip, kamailio with its tls module, linphone-daemon, mosquitto,
# opus-tools, PostgreSQL, dnsmasq for SRV lookups, ffmpeg as the independent G.722 implementation, stress-ng for calls
# under load, chromium for the web app's end-to-end tests: the tests drive this system browser and never download one,
# dbus-daemon for a private bus with a fake bluetoothd, systemd-nspawn, sshd and debootstrap for the emulated boards the flashing tests start) and the native libraries the agent and the test kit load
# (libopus, libopusenc, libspandsp for G.722) or the tests compare against (libsrtp2), when missing.
set -euo pipefail

packages=(sip-tester baresip kamailio kamailio-tls-modules linphone-cli mosquitto opus-tools libopus0 libopusenc0 libspandsp2 libsrtp2-1 ffmpeg postgresql sqlite3 sox alsa-utils dnsmasq-base stress-ng chromium dbus)
# The flashing tests' emulated boards: systemd-nspawn containers over a cached debootstrap'd rootfs, reached with ssh.
packages+=(systemd-container openssh-server openssh-client debootstrap iproute2)
# Releases and the emulated arm64 board (make release, make test-board): NativeAOT needs clang and lld; cross-compiling
# for arm64 on x64 needs Debian's aarch64 C runtime and libraries (the cross toolchain's sysroot and multiarch arm64
# libc6-dev); the arm64 agent runs under qemu-user through binfmt_misc with the arm64 native libraries it loads,
# installed through multiarch beside the host's.
packages+=(clang lld gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user-static binfmt-support)
if [ "$(dpkg --print-architecture)" = amd64 ]; then
  packages+=(libc6-dev:arm64 zlib1g-dev:arm64 libopus0:arm64 libopusenc0:arm64 libspandsp2:arm64 libsrtp2-1:arm64)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

board_rootfs() {
  # Once per machine, cached outside the repository (a few minutes of debootstrap the first time).
  if [ "$(id -u)" -eq 0 ]; then "$(dirname "$0")/test-board-rootfs.sh"; fi
}

if [ ${#missing[@]} -eq 0 ]; then
  echo "test dependencies: all present (${packages[*]})"
  board_rootfs
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "test dependencies missing: ${missing[*]}" >&2
  echo "run as root, or: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi

echo "test dependencies: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# The services these packages bring must not start on their default ports: the tests start their own.
case " ${missing[*]}" in
  *:arm64*) dpkg --print-foreign-architectures | grep -qx arm64 || dpkg --add-architecture arm64 ;;
esac
printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
trap 'rm -f /usr/sbin/policy-rc.d' EXIT
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "test dependencies: installed"
board_rootfs
