#!/usr/bin/env bash
# Validates docpipe's --report against schemas/report.schema.json and its --sarif against
# the SARIF 2.1.0 JSON schema and Microsoft's SARIF Multitool, for convert, check, a batch
# with failures, and a merged report.
# Usage: validate_reports.sh DOCPIPE SOURCE_DIR
set -euo pipefail
docpipe=$1
source=$2
multitool_dir=$source/build-tools/check/node_modules/@microsoft/sarif-multitool-linux
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/in/子目录"
cp "$source"/samples/*.txt "$work/in/"
printf '标题\n正文,逗号。（一）重复\n联系微信：abc12345。\n' >"$work/in/子目录/有 空格.txt"
printf '\x89PNG\r\n\x1a\n\0\0\0' >"$work/in/picture.txt"

# Exit status 1 is expected: picture.txt fails.
"$docpipe" convert -q -o "$work/out" --report "$work/convert.json" --sarif "$work/convert.sarif" "$work/in" || true
"$docpipe" check -q --report "$work/check.json" --sarif "$work/check.sarif" "$work/in" || true
"$docpipe" check -q --shard 0/2 --report "$work/s0.json" "$work/in" || true
"$docpipe" check -q --shard 1/2 --report "$work/s1.json" "$work/in" || true
"$docpipe" report merge -o "$work/merged.json" "$work/s0.json" "$work/s1.json"

/usr/bin/python3 - "$source/schemas/report.schema.json" "$multitool_dir/sarif-2.1.0.json" "$work" <<'PY'
import json, sys, pathlib
import jsonschema
report_schema, sarif_schema, work = (json.load(open(sys.argv[1])), json.load(open(sys.argv[2])),
                                     pathlib.Path(sys.argv[3]))
jsonschema.Draft202012Validator.check_schema(report_schema)
for name in ["convert.json", "check.json", "merged.json"]:
    data = json.load(open(work / name))
    jsonschema.validate(data, report_schema, cls=jsonschema.Draft202012Validator)
    assert data["summary"]["files"] == 7, (name, data["summary"])
    assert data["summary"]["failed"] == 1, (name, data["summary"])
    print("valid report:", name)
for name in ["convert.sarif", "check.sarif"]:
    data = json.load(open(work / name))
    jsonschema.validate(data, sarif_schema, cls=jsonschema.Draft202012Validator)
    results = data["runs"][0]["results"]
    assert any(r["ruleId"] == "noise.suspected" for r in results), name
    assert any(r["ruleId"] == "document.failed" and r["level"] == "error" for r in results), name
    print("valid SARIF:", name, len(results), "results")
assert json.load(open(work / "check.json")) == json.load(open(work / "merged.json")), "merge differs"
PY

for name in convert.sarif check.sarif; do
  log=$("$multitool_dir/Sarif.Multitool" validate "$work/$name" -o "$work/$name.validation" 2>&1) || {
    echo "$log"
    exit 1
  }
  if grep -E ': error ' <<<"$log"; then
    echo "SARIF Multitool found errors in $name"
    exit 1
  fi
  echo "SARIF Multitool: no errors in $name"
done
