#!/usr/bin/env bash
# Installs the Python clients of the publishers' system test (PythonPublishersIT) as Debian packages, for machines
# whose pip cannot reach the package index: python3-stomp (stomp.py 8.0.0) and python3-qpid-proton (0.37.0), the
# versions the test pins (io.mayhem.system.PythonClients), and python3-venv for its virtual environment. With a
# package index the test's own pip install is enough. Idempotent: does nothing when Debian's python3 imports them.
# Run as root (CI does) or with sudo; needs Debian's package mirror, nothing else.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/apt-install.sh"

versions() {
    /usr/bin/python3 -c 'import stomp, proton; print("stomp.py %d.%d.%d, python-qpid-proton %d.%d.%d" % (tuple(stomp.__version__) + tuple(proton.VERSION)))'
}

if [[ -x /usr/bin/python3 ]] && /usr/bin/python3 -c 'import ensurepip, venv, stomp, proton' 2>/dev/null; then
    echo "install-python-clients: $(versions) already installed"
    exit 0
fi

apt_install python3 python3-venv python3-stomp python3-qpid-proton
echo "install-python-clients: installed $(versions)"
