# The sources are as clang-format (with the repository's .clang-format) writes them: a
# change that is not formatted fails here, not in review.
find_program(DOCPIPE_CLANG_FORMAT clang-format REQUIRED)
file(GLOB_RECURSE DOCPIPE_FORMATTED_SOURCES CONFIGURE_DEPENDS
     ${CMAKE_SOURCE_DIR}/stages/*.cpp ${CMAKE_SOURCE_DIR}/stages/*.hpp
     ${CMAKE_SOURCE_DIR}/pipeline/*.cpp ${CMAKE_SOURCE_DIR}/pipeline/*.hpp
     ${CMAKE_SOURCE_DIR}/tests/*.cpp ${CMAKE_SOURCE_DIR}/tests/*.hpp
     ${CMAKE_SOURCE_DIR}/fuzz/*.cpp ${CMAKE_SOURCE_DIR}/fuzz/*.hpp
     ${CMAKE_SOURCE_DIR}/bench/*.cpp)
add_test(NAME clang-format
         COMMAND ${DOCPIPE_CLANG_FORMAT} --dry-run --Werror ${DOCPIPE_FORMATTED_SOURCES}
         WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
