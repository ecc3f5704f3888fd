#!/usr/bin/env bash
# Installs Microsoft's SARIF Multitool (npm @microsoft/sarif-multitool-linux: a standalone
# binary with the SARIF 2.1.0 JSON schema beside it) into build-tools/ for tests/check.cmake.
# Quick when already there.
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
version=5.7.0
prefix=$top/build-tools/check
package=$prefix/node_modules/@microsoft/sarif-multitool-linux
if [[ -x $package/Sarif.Multitool && -f $package/sarif-2.1.0.json ]] &&
  grep -q "\"version\": \"$version\"" "$package/package.json"; then
  exit 0
fi
mkdir -p "$prefix"
npm install --prefix "$prefix" --no-audit --no-fund --no-save --loglevel=error \
  "@microsoft/sarif-multitool-linux@$version" >/dev/null
chmod +x "$package/Sarif.Multitool"
echo "SARIF Multitool $version installed in $prefix"
