#!/bin/sh
# Install Debian's Chromium for the browser tests when it is missing (needs root or sudo).
command -v chromium >/dev/null 2>&1 && exit 0
if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; else
  echo "chromium is not installed and cannot be installed without root: browser tests will be skipped" >&2; exit 0; fi
$SUDO apt-get update -qq >/dev/null && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null \
  || echo "could not install chromium: browser tests will be skipped" >&2
exit 0
