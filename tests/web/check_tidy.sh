#!/usr/bin/env bash
# Every HTML page under a folder (documents and index.html) must pass
# `tidy -q -e` with no error and no warning: tidy prints nothing and exits 0.
# usage: check_tidy.sh DIR
set -uo pipefail
folder=${1:?usage: check_tidy.sh DIR}
command -v tidy >/dev/null || { echo "check_tidy: no tidy on PATH (install tidy)"; exit 1; }
passed=0
failed=0
while IFS= read -r -d '' page; do
  report=$(tidy -q -e "$page" 2>&1)
  status=$?
  if [[ $status -eq 0 && -z $report ]]; then
    passed=$((passed + 1))
    echo "ok   ${page#"$folder"/}"
  else
    failed=$((failed + 1))
    echo "FAIL ${page#"$folder"/} (tidy exit $status)"
    printf '%s\n' "$report" | head -20
  fi
done < <(find "$folder" -name '*.html' -print0 | sort -z)
if [[ $((passed + failed)) -eq 0 ]]; then
  echo "check_tidy: no .html under $folder"
  exit 1
fi
echo "tidy: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
