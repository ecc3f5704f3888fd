# External checks of the DOCX writer's output (issue 3): the Open XML SDK
# validator, LibreOffice's rendering (28 characters a line, 22 lines a page,
# "— N —" page numbers), python-docx's style names and pandoc's headings.
# One setup test writes every DOCX, one renders them all to PDF in a single
# soffice run; the checks read those. Tools come from
# scripts/packages-test-docx.txt and scripts/setup-docx.sh; a missing one
# skips a check locally and fails it in CI.

# The writer alone, run on model files, for hostile models no text produces.
add_executable(docx_write_fixture ${CMAKE_CURRENT_SOURCE_DIR}/docx/write_fixture.cpp)
target_compile_options(docx_write_fixture PRIVATE ${DOCPIPE_WARNINGS})
target_link_libraries(docx_write_fixture PRIVATE docpipe_stages)

set(DOCX_CHECK ${CMAKE_CURRENT_SOURCE_DIR}/docx/check.py)
set(DOCX_WORK ${CMAKE_BINARY_DIR}/docx-check)
set(DOCX_PYTHON /usr/bin/python3)  # Debian's, which has python3-docx
set(DOCX_VALIDATOR ${CMAKE_SOURCE_DIR}/build-tools/docx/node_modules/.bin/ooxml-validator)

add_test(NAME docx.prepare
         COMMAND ${DOCX_PYTHON} ${DOCX_CHECK} prepare ${DOCX_WORK} $<TARGET_FILE:docpipe>
                 $<TARGET_FILE:docx_write_fixture> ${CMAKE_SOURCE_DIR})
set_tests_properties(docx.prepare PROPERTIES FIXTURES_SETUP docx_outputs TIMEOUT 300)

add_test(NAME docx.deterministic
         COMMAND ${DOCX_PYTHON} ${DOCX_CHECK} determinism ${DOCX_WORK} $<TARGET_FILE:docpipe>
                 ${CMAKE_SOURCE_DIR})
set_tests_properties(docx.deterministic PROPERTIES FIXTURES_REQUIRED docx_outputs TIMEOUT 300)

add_test(NAME docx.validator COMMAND ${DOCX_PYTHON} ${DOCX_CHECK} validate ${DOCX_WORK}
                                     ${DOCX_VALIDATOR})
add_test(NAME docx.python_docx COMMAND ${DOCX_PYTHON} ${DOCX_CHECK} styles ${DOCX_WORK})
add_test(NAME docx.pandoc COMMAND ${DOCX_PYTHON} ${DOCX_CHECK} pandoc ${DOCX_WORK})
add_test(NAME docx.libreoffice_pdf COMMAND ${DOCX_PYTHON} ${DOCX_CHECK} pdf ${DOCX_WORK})
set_tests_properties(docx.validator docx.python_docx docx.pandoc docx.libreoffice_pdf
                     PROPERTIES FIXTURES_REQUIRED docx_outputs SKIP_RETURN_CODE 77 TIMEOUT 900)
# soffice shares nothing with the other checks but the CPU: it runs alone.
set_tests_properties(docx.libreoffice_pdf PROPERTIES FIXTURES_SETUP docx_pdf RUN_SERIAL TRUE)

add_test(NAME docx.pdf_layout COMMAND ${DOCX_PYTHON} ${DOCX_CHECK} layout ${DOCX_WORK})
set_tests_properties(docx.pdf_layout PROPERTIES FIXTURES_REQUIRED "docx_outputs;docx_pdf"
                     SKIP_RETURN_CODE 77 TIMEOUT 300)
