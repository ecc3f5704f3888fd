# Shared by scripts/quickstart and scripts/test. Sourced, not run.
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$top"

# Installs the packages listed in the given files (as root, on Debian 12).
install_packages() {
  local packages
  packages=$(cat "$@" | sed -e 's/#.*//' | tr -s ' \n' ' ')
  # A machine whose Node.js comes from elsewhere (NodeSource's nodejs bundles npm and
  # conflicts with Debian's npm) keeps it; a fresh Debian 12 gets Debian's.
  if command -v node >/dev/null && command -v npm >/dev/null; then
    packages=$(tr ' ' '\n' <<<"$packages" | grep -v -x -e nodejs -e npm | tr '\n' ' ')
  fi
  if [[ $(id -u) -eq 0 ]]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $packages >/dev/null
  else
    echo "not root: assuming these packages are installed: $packages" >&2
  fi
}

build() {
  cmake -S . -B build -DCMAKE_BUILD_TYPE=Release "$@" >/dev/null
  cmake --build build -j "$(nproc)"
}
