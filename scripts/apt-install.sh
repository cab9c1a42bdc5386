# Sourced by the scripts that install a test's Debian packages (install-browser.sh, install-python-clients.sh):
# apt_install PACKAGE... installs them with apt-get, as root or through sudo, without recommended packages and
# without questions; on a fresh machine with stale or no package lists it updates them once and tries again.
apt_install() {
    local sudo=""
    if [[ $(id -u) -ne 0 ]]; then
        sudo="sudo"
    fi
    if ! $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@"; then
        $sudo apt-get update
        $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@"
    fi
}
