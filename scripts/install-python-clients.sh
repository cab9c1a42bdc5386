#!/usr/bin/env bash
# Installs the Python clients of the publishers' system test (PythonPublishersIT) as Debian packages, for machines
# whose pip cannot reach the package index: python3-stomp (stomp.py 8.0.0) and python3-qpid-proton (0.37.0), the
# versions the test pins (io.mayhem.system.PythonClients), and python3-venv for its virtual environment. With a
# package index the test's own pip install is enough. Idempotent: does nothing when Debian's python3 imports them.
# Run as root (CI does) or with sudo; needs Debian's package mirror, nothing else.
set -euo pipefail

if [[ -x /usr/bin/python3 ]] && /usr/bin/python3 -c 'import ensurepip, venv, stomp, proton' 2>/dev/null; then
    echo "install-python-clients: $(/usr/bin/python3 -c 'import stomp, proton; print("stomp.py %d.%d.%d, python-qpid-proton %d.%d.%d" % (tuple(stomp.__version__) + tuple(proton.VERSION)))') already installed"
    exit 0
fi

SUDO=""
if [[ $(id -u) -ne 0 ]]; then
    SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
install() {
    $SUDO apt-get install -y --no-install-recommends python3 python3-venv python3-stomp python3-qpid-proton
}
# A fresh machine may have stale or no package lists: update once, only when the install needs it.
if ! install; then
    $SUDO apt-get update
    install
fi
echo "install-python-clients: installed $(/usr/bin/python3 -c 'import stomp, proton; print("stomp.py %d.%d.%d, python-qpid-proton %d.%d.%d" % (tuple(stomp.__version__) + tuple(proton.VERSION)))')"
