#!/usr/bin/env bash
# The whole ctest suite again, built with AddressSanitizer + UndefinedBehaviorSanitizer
# (-DDOCPIPE_SANITIZE=ON) in build-asan: any finding (memory error, leak, undefined
# behaviour) aborts the test that hit it, and so fails this check. Run by scripts/test.
#
# Tests that only re-check what outside tools make of the outputs (LibreOffice, Chromium,
# the OOXML validator, python-docx, pandoc, tidy, cmark: tests/docx.cmake,
# tests/web.cmake) are left out: they run once, in the normal build. Every test that runs
# docpipe or a stage — unit, end-to-end, CLI, hostile input, fuzz corpus replay, and the
# steps of those areas that write the DOCX, HTML and Markdown from hostile fixture
# models — runs sanitised here.
source "$(dirname "$0")/common.sh"
started=$SECONDS

# GCC 12 with -fsanitize=address reports false maybe-uninitialized warnings inside
# <regex> and <functional>: they stay warnings here, every other warning is an error.
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDOCPIPE_SANITIZE=ON -DBUILD_TESTING=ON \
  -DCMAKE_CXX_FLAGS=-Wno-error=maybe-uninitialized >/dev/null
cmake --build build-asan -j "$(nproc)"

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
# The hostile-input tests' 50 MB line and million lines, cut tenfold (tests/test_hostile.cpp).
export DOCPIPE_TEST_SCALE=10
# The outside tools' checks by name; everything else (a new test too) runs sanitised.
outside_tools='^(docx\.(validator|python_docx|pandoc|libreoffice_pdf|pdf_layout)|web\.(tidy|chromium|cmark)\.)'
ctest --test-dir build-asan --output-on-failure -j "$(nproc)" --timeout 1800 -E "$outside_tools"
echo "check-sanitizers: passed in $((SECONDS - started)) s"
