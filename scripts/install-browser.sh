#!/usr/bin/env bash
# Installs the browser of the live-page test (LivePageIT): Debian's chromium and chromium-driver, which put
# /usr/bin/chromium and /usr/bin/chromedriver. Idempotent: does nothing when the driver is already there.
# fonts-dejavu-core: the screenshot's text needs one font. Run as root (CI does) or with sudo; needs Debian's
# package mirror, nothing else.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/apt-install.sh"

if [[ -x /usr/bin/chromedriver && -x /usr/bin/chromium ]]; then
    echo "install-browser: $(/usr/bin/chromedriver --version | head -n 1) already installed"
    exit 0
fi

apt_install chromium chromium-driver fonts-dejavu-core
echo "install-browser: installed $(/usr/bin/chromedriver --version | head -n 1)"
