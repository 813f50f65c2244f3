# Compiles SOURCE and succeeds only if the compilation fails with output matching EXPECTED.
execute_process(
  COMMAND ${COMPILER} -std=c++20 -fsyntax-only -I${INCLUDE_DIR} -I${BOOST_INCLUDE_DIR} ${SOURCE}
  RESULT_VARIABLE result
  OUTPUT_VARIABLE output
  ERROR_VARIABLE output)
if(result EQUAL 0)
  message(FATAL_ERROR "${SOURCE} compiled, but it must not")
endif()
if(NOT output MATCHES "${EXPECTED}")
  message(FATAL_ERROR "${SOURCE} failed to compile without the expected message\n"
                      "expected (regex): ${EXPECTED}\n--- compiler output ---\n${output}")
endif()
message(STATUS "failed as expected with: ${CMAKE_MATCH_0}")
