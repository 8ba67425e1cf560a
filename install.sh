#!/usr/bin/env bash
# Install everything depgraph needs on a fresh Debian machine (run as root):
# Graphviz's `dot` (diagrams), Chromium (report tests), SCRAM (fault-tree checks),
# and a virtual environment in .venv with depgraph and its test tools.
set -euo pipefail
cd "$(dirname "$0")"

packages=(graphviz chromium scram python3-venv)
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    missing=()
    for package in "${packages[@]}"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing+=("$package")
    done
    if [ "${#missing[@]}" -gt 0 ]; then
        echo "install.sh: apt-get install ${missing[*]}" >&2
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    fi
else
    echo "install.sh: not root or no apt-get; make sure these are installed: ${packages[*]}" >&2
fi

python=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$python" -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
echo "install.sh: ready; run .venv/bin/depgraph --help" >&2
