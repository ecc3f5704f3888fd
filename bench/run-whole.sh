#!/usr/bin/env bash
# Whole-run benchmark (issue 7): docpipe against pandoc on a generated corpus.
#
#   bash bench/run-whole.sh            # build-bench/docpipe, pandoc on a 100-file subset
#
# Environment:
#   DOCPIPE=path        the binary (default: build-bench/docpipe, else build/docpipe)
#   BENCH_DIR=dir       where the corpus and the outputs go (default: $TMPDIR/docpipe-bench)
#   PANDOC_FILES=N      files of the batch pandoc converts (default 100, extrapolated to the
#                       1,000; set 1000 to run it on all of them: about 3 minutes)
#   PANDOC_LARGE=0      skip pandoc on the 50 MB file (about 2 minutes and several GB of RAM)
#   LARGE_MB=50         size of the large file, in MB (10^6 bytes)
#   JOBS=N              docpipe -j (default: all cores)
#   OUT_DIR=dir         where the outputs go (default: BENCH_DIR; /dev/shm takes the disk and
#                       the file system out of the figures)
#
# Needs: pandoc and GNU time (/usr/bin/time), both Debian packages (pandoc, time).
# Prints wall and CPU seconds, MB/s (MB = 10^6 bytes of input), MB/s per core (input MB per
# CPU-second, user + system: what one core does, and what other load on the machine does not
# change), peak RSS, and docpipe's speed-up over pandoc by wall and by CPU time.
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

DOCPIPE=${DOCPIPE:-}
if [[ -z $DOCPIPE ]]; then
  for candidate in "$top/build-bench/docpipe" "$top/build/docpipe"; do
    [[ -x $candidate ]] && { DOCPIPE=$candidate; break; }
  done
fi
[[ -x ${DOCPIPE:-} ]] || { echo "run-whole: no docpipe binary; build it or set DOCPIPE" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "run-whole: needs GNU time (apt-get install time)" >&2; exit 2; }
BENCH_DIR=${BENCH_DIR:-${TMPDIR:-/tmp}/docpipe-bench}
PANDOC_FILES=${PANDOC_FILES:-100}
PANDOC_LARGE=${PANDOC_LARGE:-1}
LARGE_MB=${LARGE_MB:-50}
CORES=$(nproc)
JOBS=${JOBS:-$CORES}
have_pandoc=1
command -v pandoc >/dev/null || { have_pandoc=0; echo "run-whole: pandoc not found: no comparison (apt-get install pandoc)" >&2; }

mkdir -p "$BENCH_DIR"
corpus=$BENCH_DIR/corpus
mapfile -t samples < <(find "$top/samples" -maxdepth 1 -name '*.txt' | sort)

# --- The corpus -------------------------------------------------------------------------
# many/: the samples replicated to 1,000 files, 100 a folder.
if [[ ! -f $corpus/.done-many ]]; then
  rm -rf "$corpus/many"
  for ((i = 0; i < 1000; i++)); do
    folder=$corpus/many/$(printf '%02d' $((i / 100)))
    mkdir -p "$folder"
    sample=${samples[$((i % ${#samples[@]}))]}
    cp "$sample" "$folder/$(printf '%04d' "$i")_$(basename "$sample")"
  done
  touch "$corpus/.done-many"
fi
# large.txt: the samples concatenated (a blank line between them) until LARGE_MB; quarter.txt:
# the first quarter of as many copies, to check that time is linear in size.
large_bytes=$((LARGE_MB * 1000000))
if [[ ! -f $corpus/.done-large-$LARGE_MB ]]; then
  mkdir -p "$corpus/large" "$corpus/quarter"
  unit=$BENCH_DIR/unit.txt
  : >"$unit"
  for sample in "${samples[@]}"; do cat "$sample" >>"$unit"; printf '\n\n' >>"$unit"; done
  unit_bytes=$(stat -c %s "$unit")
  copies=$(((large_bytes + unit_bytes - 1) / unit_bytes))
  for ((k = 0; k < copies; k++)); do cat "$unit"; done >"$corpus/large/large.txt"
  for ((k = 0; k < (copies + 3) / 4; k++)); do cat "$unit"; done >"$corpus/quarter/quarter.txt"
  rm -f "$unit" "$corpus"/.done-large-*
  touch "$corpus/.done-large-$LARGE_MB"
fi
pandoc_list=$BENCH_DIR/pandoc-files.txt
find "$corpus/many" -name '*.txt' | sort | awk -v n="$PANDOC_FILES" 'NR <= n' >"$pandoc_list"

# --- Measuring --------------------------------------------------------------------------
# measure NAME INPUT_BYTES COMMAND...: runs the command under GNU time, prints one line and
# leaves the figures in $wall $cpu $rss_mb.
printf '%-38s %8s %7s %7s %7s %9s %8s\n' run "input MB" "wall s" "CPU s" "MB/s" "MB/s/core" "RSS MB"
measure() {
  local name=$1 bytes=$2
  shift 2
  local log=$BENCH_DIR/time.log
  sync
  /usr/bin/time -v -o "$log" "$@" >/dev/null 2>"$BENCH_DIR/stderr.log" || {
    echo "run-whole: '$name' failed:" >&2
    tail -5 "$BENCH_DIR/stderr.log" >&2
    exit 1
  }
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s}' "$log")
  cpu=$(awk -F': ' '/User time/ {u = $2} /System time/ {s = $2} END {print u + s}' "$log")
  rss_mb=$(awk -F': ' '/Maximum resident set size/ {printf "%.1f", $2 / 1024}' "$log")
  awk -v n="$name" -v b="$bytes" -v w="$wall" -v c="$cpu" -v r="$rss_mb" 'BEGIN {
    mb = b / 1e6; if (w <= 0) w = 0.001; if (c <= 0) c = 0.001;
    printf "%-38s %8.1f %7.2f %7.2f %7.1f %9.1f %8s\n", n, mb, w, c, mb / w, mb / c, r }'
}
bytes_of() { find "$@" -name '*.txt' -printf '%s\n' | awk '{s += $1} END {print s}'; }

many_bytes=$(bytes_of "$corpus/many")
large_bytes=$(stat -c %s "$corpus/large/large.txt")
quarter_bytes=$(stat -c %s "$corpus/quarter/quarter.txt")
# Every run writes into a folder of its own, all removed at the end: deleting thousands of
# files just before a run makes ext4 search longer for free inodes (recently_deleted), which
# perf showed as a third of a batch run's time.
out=${OUT_DIR:-$BENCH_DIR}/out.$$
trap 'rm -rf "$out"' EXIT
echo "# docpipe: $DOCPIPE, -j $JOBS, $CORES cores, $(date -u '+%F %H:%M UTC')"

# The batch three times, each into a new folder: the ratio takes the median wall and CPU
# time, as one run is easily stretched by a writeback or another process.
walls=() cpus=()
for run in 1 2 3; do
  measure "docpipe 1000 files, 4 formats ($run)" "$many_bytes" "$DOCPIPE" convert -q -j "$JOBS" -o "$out/many-$run" "$corpus/many"
  walls+=("$wall") cpus+=("$cpu")
done
median() { printf '%s\n' "$@" | sort -g | sed -n 2p; }
docpipe_many_wall=$(median "${walls[@]}")
docpipe_many_cpu=$(median "${cpus[@]}")
measure "docpipe 1000 files, 4 formats -j1" "$many_bytes" "$DOCPIPE" convert -q -j 1 -o "$out/many-j1" "$corpus/many"
measure "docpipe large, 4 formats" "$large_bytes" "$DOCPIPE" convert -q -o "$out/large" "$corpus/large"
large_rss=$rss_mb
large_wall=$wall
large_cpu=$cpu
measure "docpipe quarter, 4 formats" "$quarter_bytes" "$DOCPIPE" convert -q -o "$out/quarter" "$corpus/quarter"
quarter_wall=$wall
quarter_cpu=$cpu
for format in docx md html xml; do
  measure "docpipe large, $format only" "$large_bytes" "$DOCPIPE" convert -q -f "$format" -o "$out/large-$format" "$corpus/large"
done
for level in 0 1 6 9; do
  measure "docpipe large, docx --zip-level $level" "$large_bytes" "$DOCPIPE" convert -q -f docx --zip-level "$level" -o "$out/zip$level" "$corpus/large"
  echo "    docx size at level $level: $(stat -c %s "$out/zip$level/large.docx") bytes"
done

awk -v l="$large_cpu" -v q="$quarter_cpu" -v lb="$large_bytes" -v qb="$quarter_bytes" 'BEGIN {
  printf "linearity: %.2f× the input took %.2f× the CPU time\n", lb / qb, l / q }'
awk -v r="$large_rss" -v b="$large_bytes" 'BEGIN {
  limit = 64 + 4 * b / 1048576
  printf "peak memory on the large file: %.0f MB (target: under 64 MB + 4 × input = %.0f MB): %s\n", r, limit, (r < limit ? "met" : "NOT met") }'

[[ $have_pandoc -eq 1 ]] || exit 0

# --- pandoc -----------------------------------------------------------------------------
# pandoc reads the text as its default (Markdown) input and writes docx, standalone HTML
# and Markdown, one process per file and format, $CORES processes at a time (as docpipe
# uses every core).
pandoc_bytes=$(xargs -a "$pandoc_list" stat -c %s | awk '{s += $1} END {print s}')
pandoc_files=$(wc -l <"$pandoc_list")
pandoc_batch() {
  local format=$1
  mkdir -p "$out/pandoc-$format"
  xargs -a "$pandoc_list" -P "$CORES" -I{} sh -c \
    'pandoc "$1" -s -o "$2/$(basename "$1" .txt).$3"' _ {} "$out/pandoc-$format" "$format"
}
export -f pandoc_batch
export out pandoc_list CORES
pandoc_total=0
pandoc_total_cpu=0
for format in docx html md; do
  measure "pandoc $pandoc_files files, $format" "$pandoc_bytes" bash -c "pandoc_batch $format"
  pandoc_total=$(awk -v a="$pandoc_total" -v b="$wall" 'BEGIN {print a + b}')
  pandoc_total_cpu=$(awk -v a="$pandoc_total_cpu" -v b="$cpu" 'BEGIN {print a + b}')
done
# The ratio by wall time, and by CPU time (which other load on the machine does not inflate).
awk -v p="$pandoc_total" -v pc="$pandoc_total_cpu" -v n="$pandoc_files" -v d="$docpipe_many_wall" -v dc="$docpipe_many_cpu" 'BEGIN {
  s = 1000 / n
  printf "pandoc, 3 formats, %d files: %.1f s wall, %.1f s CPU", n, p, pc
  if (n != 1000) printf " (extrapolated to 1000 files: %.1f s wall, %.1f s CPU)", p * s, pc * s
  printf "\ndocpipe, 4 formats, 1000 files (median of 3 runs): %.2f s wall, %.2f s CPU\n", d, dc
  printf "docpipe is %.0f× faster than pandoc on the batch by wall time, %.0f× by CPU time (target: 50×)\n", p * s / d, pc * s / dc }'

if [[ $PANDOC_LARGE != 0 ]]; then
  pandoc_large_total=0
  for format in docx html md; do
    measure "pandoc large, $format" "$large_bytes" pandoc "$corpus/large/large.txt" -s -o "$BENCH_DIR/pandoc-large.$format"
    pandoc_large_total=$(awk -v a="$pandoc_large_total" -v b="$cpu" 'BEGIN {print a + b}')
  done
  rm -f "$BENCH_DIR"/pandoc-large.*
  awk -v p="$pandoc_large_total" -v d="$large_cpu" 'BEGIN {
    printf "large file: pandoc (3 formats) %.1f s CPU, docpipe (4 formats) %.2f s CPU: %.0f× less\n", p, d, p / d }'
fi
