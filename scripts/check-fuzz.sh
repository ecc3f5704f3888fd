#!/usr/bin/env bash
# Fuzzes docpipe for a bounded time (issue 6): the libFuzzer targets in fuzz/ (decode;
# clean+detect+model+validate; each writer), built with clang and ASan+UBSan in
# build-fuzz, each run for FUZZ_SECONDS (default 30) from its seed corpus in
# fuzz/corpus/<target>, with the markers and noise of fuzz/docpipe.dict. Any crash,
# leak, timeout, out-of-memory or broken contract (e.g. a schema-invalid model) fails the
# check; the reproducer is left in build-fuzz/findings/.
# Copy it to fuzz/regressions/ (and fix the bug): the normal test build replays that
# folder through every target (tests/fuzz.cmake).
source "$(dirname "$0")/common.sh"
started=$SECONDS
seconds=${FUZZ_SECONDS:-30}
targets=(decode pipeline docx html markdown xml)

CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUILD_TESTING=OFF \
  -DDOCPIPE_FUZZ=ON -DDOCPIPE_SANITIZE=ON -DCMAKE_CXX_FLAGS=-fsanitize=fuzzer-no-link >/dev/null
cmake --build build-fuzz -j "$(nproc)" --target "${targets[@]/#/fuzz_}"

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
findings=build-fuzz/findings
rm -rf "$findings"
mkdir -p "$findings"
failed=()
run() {
  local target=$1 work=build-fuzz/corpus/$1
  # New inputs found go to a scratch copy; the committed seeds stay as they are.
  rm -rf "$work" && mkdir -p "$work"
  if ! build-fuzz/fuzz/fuzz_"$target" "$work" fuzz/corpus/"$target" fuzz/regressions \
      -dict=fuzz/docpipe.dict -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
      -print_final_stats=1 -artifact_prefix="$findings/$target-" >"$findings/$target.log" 2>&1; then
    tail -n 60 "$findings/$target.log"
    echo "check-fuzz: fuzz_$target FAILED; reproducer: $(ls "$findings/$target-"* 2>/dev/null | head -1)"
    return 1
  fi
  echo "fuzz_$target: $(grep -m1 -o 'stat::number_of_executed_units: *[0-9]*' "$findings/$target.log" | grep -o '[0-9]*$') runs, no finding"
}
# Two at a time on two cores, each target alone in its process.
jobs=$(( $(nproc) > 1 ? 2 : 1 ))
pids=()
for target in "${targets[@]}"; do
  run "$target" &
  pids+=("$!:$target")
  if (( ${#pids[@]} >= jobs )); then
    entry=${pids[0]}; pids=("${pids[@]:1}")
    wait "${entry%%:*}" || failed+=("${entry#*:}")
  fi
done
for entry in "${pids[@]}"; do wait "${entry%%:*}" || failed+=("${entry#*:}"); done

if (( ${#failed[@]} > 0 )); then
  echo "check-fuzz: failed: ${failed[*]}"
  exit 1
fi
echo "check-fuzz: passed in $((SECONDS - started)) s"
