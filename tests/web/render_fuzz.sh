#!/usr/bin/env bash
# Writes seeded random models (fuzz_models.py), checks they are valid models,
# and renders them with the writers into OUT/out for the tidy and cmark checks.
# usage: render_fuzz.sh RENDER PYTHON SCHEMA OUT
set -euo pipefail
render=${1:?usage: render_fuzz.sh RENDER PYTHON SCHEMA OUT}
python=${2:?}
schema=${3:?}
out=${4:?}
rm -rf "$out"
"$python" "$(dirname "$0")/fuzz_models.py" "$out/models" --count 150 --seed 4
if ! xmllint --noout --schema "$schema" "$out"/models/*.xml 2>"$out/xmllint.log"; then
  grep -v ' validates$' "$out/xmllint.log" | head -20
  exit 1
fi
"$render" "$out/out" "$out"/models/*.xml
echo "rendered $(ls "$out"/models | wc -l) random models"
