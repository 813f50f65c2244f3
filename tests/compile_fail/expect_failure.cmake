# Compiles SOURCE and succeeds only if the compilation fails with output matching every regex in EXPECTED.
execute_process(
  COMMAND ${COMPILER} -std=c++20 -fsyntax-only -I${INCLUDE_DIR} -I${BOOST_INCLUDE_DIR} ${SOURCE}
  RESULT_VARIABLE result
  OUTPUT_VARIABLE output
  ERROR_VARIABLE output)
if(result EQUAL 0)
  message(FATAL_ERROR "${SOURCE} compiled, but it must not")
endif()
# EXPECTED holds regular expressions separated by "@@"; the output must match every one.
string(REPLACE "@@" ";" expected_list "${EXPECTED}")
foreach(expected IN LISTS expected_list)
  if(NOT output MATCHES "${expected}")
    message(FATAL_ERROR "${SOURCE} failed to compile without the expected message\n"
                        "expected (regex): ${expected}\n--- compiler output ---\n${output}")
  endif()
  message(STATUS "failed as expected with: ${CMAKE_MATCH_0}")
endforeach()
# With ONE_ERROR, the compiler reported exactly one error: the message, without a cascade after it.
if(ONE_ERROR)
  string(REGEX MATCHALL ": error: " errors "${output}")
  list(LENGTH errors count)
  if(NOT count EQUAL 1)
    message(FATAL_ERROR "${SOURCE} failed with ${count} errors, but only one is expected\n--- compiler output ---\n${output}")
  endif()
endif()
