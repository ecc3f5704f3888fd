# docpipe's machine-readable reports, validated against their schemas
# (scripts/setup-check.sh installs the SARIF Multitool).
add_test(NAME reports_validate_against_schemas
         COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/check/validate_reports.sh $<TARGET_FILE:docpipe> ${CMAKE_SOURCE_DIR})
set_tests_properties(reports_validate_against_schemas PROPERTIES TIMEOUT 300)
