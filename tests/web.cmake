# External checks of the HTML and Markdown writers (issue 4): tidy, headless
# Chromium and cmark, on fixture models rendered by the writers alone and on
# the samples plus hostile inputs converted by the real docpipe CLI.
# The tools come from scripts/packages-test-web.txt.

# Debian's python3 (with python3-yaml) rather than a pyenv one earlier on PATH.
find_program(DOCPIPE_WEB_PYTHON python3 PATHS /usr/bin NO_DEFAULT_PATH)
find_program(DOCPIPE_WEB_PYTHON python3 REQUIRED)

add_executable(docpipe_web_render ${CMAKE_CURRENT_SOURCE_DIR}/web/render_model.cpp)
target_compile_options(docpipe_web_render PRIVATE ${DOCPIPE_WARNINGS})
target_link_libraries(docpipe_web_render PRIVATE docpipe_stages)

set(web_scripts ${CMAKE_CURRENT_SOURCE_DIR}/web)
set(web_out ${CMAKE_CURRENT_BINARY_DIR}/web-check)
set(web_models ${CMAKE_CURRENT_SOURCE_DIR}/fixtures/model-sample.xml
               ${CMAKE_CURRENT_SOURCE_DIR}/fixtures/web-hostile.xml
               ${CMAKE_CURRENT_SOURCE_DIR}/fixtures/web-single.xml)

# The fixtures are models the writers may assume valid: keep them so.
add_test(NAME web.fixtures.valid
         COMMAND xmllint --noout --schema ${CMAKE_SOURCE_DIR}/schemas/document.xsd ${web_models})

add_test(NAME web.render.fixtures
         COMMAND bash -c "rm -rf \"$1\" && \"$0\" \"$@\"" $<TARGET_FILE:docpipe_web_render>
                 ${web_out}/fixtures ${web_models})
add_test(NAME web.render.front_matter
         COMMAND bash -c "rm -rf \"$2\" && \"$0\" \"$@\"" $<TARGET_FILE:docpipe_web_render>
                 --front-matter ${web_out}/front-matter ${web_models})
add_test(NAME web.convert.samples
         COMMAND bash ${web_scripts}/convert_samples.sh $<TARGET_FILE:docpipe>
                 ${CMAKE_SOURCE_DIR}/samples ${web_out}/samples)
set_tests_properties(web.render.fixtures PROPERTIES FIXTURES_SETUP web_fixtures)
set_tests_properties(web.render.front_matter PROPERTIES FIXTURES_SETUP web_front_matter)
set_tests_properties(web.convert.samples PROPERTIES FIXTURES_SETUP web_samples TIMEOUT 300)

foreach(set fixtures samples)
  set(dir ${web_out}/${set})
  if(set STREQUAL "samples")
    set(dir ${web_out}/samples/output)
  endif()
  add_test(NAME web.tidy.${set} COMMAND bash ${web_scripts}/check_tidy.sh ${dir})
  add_test(NAME web.chromium.${set}
           COMMAND ${DOCPIPE_WEB_PYTHON} ${web_scripts}/check_chromium.py ${dir}
                   --screenshots ${web_out}/screenshots-${set})
  add_test(NAME web.cmark.${set} COMMAND ${DOCPIPE_WEB_PYTHON} ${web_scripts}/check_cmark.py ${dir})
  set_tests_properties(web.tidy.${set} web.chromium.${set} web.cmark.${set}
                       PROPERTIES FIXTURES_REQUIRED web_${set} TIMEOUT 600)
endforeach()
add_test(NAME web.cmark.front_matter
         COMMAND ${DOCPIPE_WEB_PYTHON} ${web_scripts}/check_cmark.py ${web_out}/front-matter
                 --front-matter)
set_tests_properties(web.cmark.front_matter PROPERTIES FIXTURES_REQUIRED web_front_matter)
add_test(NAME web.cmark.samples_front_matter
         COMMAND ${DOCPIPE_WEB_PYTHON} ${web_scripts}/check_cmark.py
                 ${web_out}/samples/output-front-matter --front-matter)
set_tests_properties(web.cmark.samples_front_matter PROPERTIES FIXTURES_REQUIRED web_samples)

# Seeded random models full of markup characters (fuzz_models.py): valid
# models, rendered, then the same tidy and cmark checks. Same seed, same files.
add_test(NAME web.render.fuzz
         COMMAND bash ${web_scripts}/render_fuzz.sh $<TARGET_FILE:docpipe_web_render>
                 ${DOCPIPE_WEB_PYTHON} ${CMAKE_SOURCE_DIR}/schemas/document.xsd ${web_out}/fuzz)
set_tests_properties(web.render.fuzz PROPERTIES FIXTURES_SETUP web_fuzz)
add_test(NAME web.tidy.fuzz COMMAND bash ${web_scripts}/check_tidy.sh ${web_out}/fuzz/out)
add_test(NAME web.cmark.fuzz
         COMMAND ${DOCPIPE_WEB_PYTHON} ${web_scripts}/check_cmark.py ${web_out}/fuzz/out)
set_tests_properties(web.tidy.fuzz web.cmark.fuzz PROPERTIES FIXTURES_REQUIRED web_fuzz)
