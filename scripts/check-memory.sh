#!/usr/bin/env bash
# Peak memory (issue 7): a whole `docpipe convert` run to all four formats must stay under
# 64 MB + 4 × the input, the target the README's Speed section states, on ordinary text: the
# samples concatenated (headings, noise, articles) and long paragraphs, 20 MB each. Text of
# very short lines is held to that plus 400 bytes a line: every line is a paragraph, and a
# paragraph costs about 330 bytes at the peak whatever its length (its model nodes, its DOCX
# block and its WordprocessingML markup), more than an 18-byte line's 4 × allowance. Peak
# resident size is read by GNU time (`%M`), not timed: it is the same under any load. Uses the
# Release build that scripts/test made in build/ (or $DOCPIPE).
source "$(dirname "$0")/common.sh"
started=$SECONDS
docpipe=${DOCPIPE:-$top/build/docpipe}
if [[ ! -x $docpipe ]]; then build; fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$work" <<'PY'
import pathlib, sys
work = pathlib.Path(sys.argv[1])
size = 20_000_000
samples = "".join(p.read_text(encoding="utf-8") + "\n\n" for p in sorted(pathlib.Path("samples").glob("*.txt")))
sentence = "这是一段很长的文字，用来检验每一个字的内存开销。"
shapes = {
    "samples": samples,
    "lines": "".join(f"第{i}行短文字。\n" for i in range(1000)),
    "paragraphs": sentence * 400 + "\n",
}
for name, unit in shapes.items():
    copies = size // len(unit.encode()) + 1
    (work / f"{name}.txt").write_text(unit * copies, encoding="utf-8")
PY

failed=0
for shape in samples lines paragraphs; do
  input=$work/$shape.txt
  bytes=$(stat -c %s "$input")
  kb=$(/usr/bin/time -f '%M' "$docpipe" convert -q -o "$work/out" "$input" 2>&1 >/dev/null | tail -n 1)
  lines=$(wc -l <"$input")
  per_line=0
  [[ $shape == lines ]] && per_line=400
  limit_kb=$((64 * 1024 + 4 * bytes / 1024 + per_line * lines / 1024))
  verdict=ok
  ((kb < limit_kb)) || { verdict=FAILED; failed=1; }
  printf '%-10s %9d B: peak %7d KB, %7d lines, limit %7d KB: %s\n' "$shape" "$bytes" "$kb" "$lines" "$limit_kb" "$verdict"
  rm -rf "$work/out"
done
if ((failed)); then
  echo "check-memory: a run took more than 64 MB + 4 × its input (+ 400 B a line for short lines)"
  exit 1
fi
echo "check-memory: passed in $((SECONDS - started)) s"
