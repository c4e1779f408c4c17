#!/usr/bin/env bash
# nginx for the remote-cache tests and bench (a WebDAV server speaking Bazel's HTTP cache
# protocol: GET and PUT under /ac/ and /cas/). Debian's package, whose nginx has the DAV
# module built in; nothing is done when /usr/sbin/nginx (or $NGINX_PATH) is already there.
# The tests start their own nginx on 127.0.0.1 with a temporary config; the package's own
# service is not used.
set -euo pipefail
nginx="${NGINX_PATH:-/usr/sbin/nginx}"
if [ -x "$nginx" ]; then
  exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi
echo "Installing nginx (Debian package) for the remote-cache tests..."
$sudo apt-get update -qq
# policy-rc.d 101: do not start the packaged service (it would take port 80).
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' | $sudo tee /usr/sbin/policy-rc.d >/dev/null
  $sudo chmod +x /usr/sbin/policy-rc.d
  trap '$sudo rm -f /usr/sbin/policy-rc.d' EXIT
fi
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends nginx >/dev/null
"$nginx" -v
