#!/usr/bin/env bash
# Installs the browser of the live-page test (LivePageIT): Debian's chromium and chromium-driver, which put
# /usr/bin/chromium and /usr/bin/chromedriver. Idempotent: does nothing when the driver is already there.
# fonts-dejavu-core: the screenshot's text needs one font. Run as root (CI does) or with sudo; needs Debian's
# package mirror, nothing else.
set -euo pipefail

if [[ -x /usr/bin/chromedriver && -x /usr/bin/chromium ]]; then
    echo "install-browser: $(/usr/bin/chromedriver --version | head -n 1) already installed"
    exit 0
fi

SUDO=""
if [[ $(id -u) -ne 0 ]]; then
    SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
install() {
    $SUDO apt-get install -y --no-install-recommends chromium chromium-driver fonts-dejavu-core
}
# A fresh machine may have stale or no package lists: update once, only when the install needs it.
if ! install; then
    $SUDO apt-get update
    install
fi
echo "install-browser: installed $(/usr/bin/chromedriver --version | head -n 1)"
