#!/usr/bin/env bash
# Headless Chromium for the browser tests of examples/vite-app and examples/astro-site
# (driven by playwright-core, which never downloads a browser of its own). Debian's package;
# nothing is done when /usr/bin/chromium (or $CHROMIUM_PATH) is already there.
set -euo pipefail
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$chromium" ]; then
  exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi
echo "Installing Chromium (Debian package) for the browser tests..."
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends chromium >/dev/null
"$chromium" --version
