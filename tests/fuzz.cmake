# The fuzz targets' seed corpus and crash reproducers (fuzz/corpus, fuzz/regressions),
# replayed through the same entry functions the libFuzzer binaries use, without libFuzzer:
# every input that ever broke docpipe stays a test of every build (issue 6).
add_executable(docpipe_fuzz_replay ${CMAKE_SOURCE_DIR}/fuzz/replay.cpp ${CMAKE_SOURCE_DIR}/fuzz/targets.cpp)
target_compile_options(docpipe_fuzz_replay PRIVATE ${DOCPIPE_WARNINGS})
target_link_libraries(docpipe_fuzz_replay PRIVATE docpipe_stages)

foreach(target decode pipeline docx html markdown xml)
  add_test(NAME fuzz.replay.${target}
           COMMAND docpipe_fuzz_replay ${target} ${CMAKE_SOURCE_DIR}/fuzz/corpus/${target}
                   ${CMAKE_SOURCE_DIR}/fuzz/regressions)
  set_tests_properties(fuzz.replay.${target} PROPERTIES TIMEOUT 300 LABELS fuzz)
endforeach()
