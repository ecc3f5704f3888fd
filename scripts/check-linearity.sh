#!/usr/bin/env bash
# No quadratic path (issue 6): a whole `docpipe convert` run (all four formats) on an input
# 10× larger must take under 12× the work and the memory. Work is counted, not timed:
# valgrind's instruction count (callgrind's Ir), the same on any machine and under any
# load: 200 KB against 2 MB. Memory is the peak resident size above that of an empty
# input, 1 MB against 10 MB (smaller inputs barely rise above the fixed cost). Four shapes
# of text: the samples (headings, noise, articles), one endless line, many short lines,
# and one line thick with noise. Uses the Release build that
# scripts/test made in build/ (or $DOCPIPE).
source "$(dirname "$0")/common.sh"
started=$SECONDS
docpipe=${DOCPIPE:-$top/build/docpipe}
if [[ ! -x $docpipe ]]; then build; fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$work" <<'PY'
import pathlib, sys
work = pathlib.Path(sys.argv[1])
def cut(text, size):  # whole characters and lines, about `size` bytes
    data = text.encode()[:size].decode("utf-8", "ignore")
    return data[: data.rfind("\n") + 1] if "\n" in data else data
samples = "".join(p.read_text(encoding="utf-8") + "\n" for p in sorted(pathlib.Path("samples").glob("*.txt")))
sentence = "这是一段没有换行的很长的文字，用来检验单行巨大的输入。"
shapes = {
    "samples": cut(samples * (200_000 // len(samples.encode()) + 1), 200_000),
    "line": cut(sentence * (200_000 // len(sentence.encode()) + 1) + "\n", 200_000).rstrip("\n"),
    "lines": "".join(f"第{i}行短文字。\n" for i in range(9_000)),
    # One line thick with noise, markers and numbering (was quadratic in clean).
    "noise": cut("【微信：abc ##paid 会员】一、（一）1." * 7_000, 200_000),
}
for name, text in shapes.items():
    (work / f"{name}-1x.txt").write_text(text, encoding="utf-8")
    (work / f"{name}-10x.txt").write_text(text * 10, encoding="utf-8")
    (work / f"{name}-5x.txt").write_text(text * 5, encoding="utf-8")
    (work / f"{name}-50x.txt").write_text(text * 50, encoding="utf-8")
(work / "empty.txt").write_text("")
PY

# Instructions executed by one whole run (valgrind --tool=callgrind, threads included).
instructions() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$docpipe" convert -q -j 1 -o "$work/out" "$1" 2>&1 |
    sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
# Peak resident size in KB of one whole run.
peak_kb() {
  /usr/bin/time -f '%M' "$docpipe" convert -q -j 1 -o "$work/out" "$1" 2>&1 >/dev/null | tail -n 1
}

base_kb=$(peak_kb "$work/empty.txt")
failed=0
for shape in samples line lines noise; do
  small=$work/$shape-1x.txt big=$work/$shape-10x.txt
  ir_small=$(instructions "$small") ir_big=$(instructions "$big")
  kb_small=$(peak_kb "$work/$shape-5x.txt") kb_big=$(peak_kb "$work/$shape-50x.txt")
  verdict=$(python3 -c "
ir = $ir_big / $ir_small
mem = ($kb_big - $base_kb) / max(1, $kb_small - $base_kb)
print(f'{ir:.2f} {mem:.2f}', 'ok' if ir < 12 and mem < 12 else 'FAILED')")
  printf '%-8s %7d → %8d B: Ir %11d → %12d; %8d → %9d B: peak %6d → %7d KB (empty %d KB); ×10 input: ×%s work, ×%s memory: %s\n' \
    "$shape" "$(stat -c %s "$small")" "$(stat -c %s "$big")" "$ir_small" "$ir_big" \
    "$(stat -c %s "$work/$shape-5x.txt")" "$(stat -c %s "$work/$shape-50x.txt")" "$kb_small" "$kb_big" \
    "$base_kb" $verdict
  [[ $verdict == *FAILED ]] && failed=1
done
if (( failed )); then
  echo "check-linearity: an input 10× larger took 12× the work or memory or more: a quadratic path"
  exit 1
fi
echo "check-linearity: passed in $((SECONDS - started)) s"
