#!/usr/bin/env bash
# Install the Debian packages a target needs, once: `browser` (headless Chromium and CJK
# fonts for the browser tests) or `bench` (nginx for the serve benchmark).
set -euo pipefail
case "${1:-}" in
  browser) need=(chromium fonts-noto-cjk); probe() { command -v chromium >/dev/null && fc-list :lang=zh | grep -q .; } ;;
  bench) need=(nginx-light); probe() { command -v nginx >/dev/null || test -x /usr/sbin/nginx; } ;;
  *) echo "usage: $0 browser|bench" >&2; exit 2 ;;
esac
if probe 2>/dev/null; then exit 0; fi
echo "Installing Debian packages: ${need[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then sudo="sudo"; else
    echo "Need root (or sudo) to install ${need[*]}; install them and run again." >&2; exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${need[@]}" fontconfig >/dev/null
probe
