# Installs Orchard into a private prefix, then builds and runs two tiny consumers: one finding the
# installed package, one adding the source tree as a subdirectory.
file(REMOVE_RECURSE ${WORK_DIR})

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "failed: ${ARGN}\n${out}")
  endif()
endfunction()

run(${CMAKE_COMMAND} --install ${ORCHARD_BINARY_DIR} --prefix ${WORK_DIR}/prefix)

foreach(consumer installed subdirectory)
  run(${CMAKE_COMMAND} -S ${CMAKE_CURRENT_LIST_DIR}/${consumer} -B ${WORK_DIR}/${consumer} -G Ninja
      -D CMAKE_CXX_COMPILER=${CXX} "-DCMAKE_CXX_FLAGS=${CXX_FLAGS}"
      -D CMAKE_PREFIX_PATH=${WORK_DIR}/prefix -D ORCHARD_SOURCE_DIR=${ORCHARD_SOURCE_DIR})
  run(${CMAKE_COMMAND} --build ${WORK_DIR}/${consumer})
  run(${WORK_DIR}/${consumer}/consumer --nodes 4)
  message(STATUS "${consumer} consumer built and ran")
endforeach()
