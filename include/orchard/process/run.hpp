// Running a command to completion and keeping its whole stdout and stderr (sbatch, squeue...).
#pragma once

#include <orchard/process/child.hpp>
#include <orchard/process/command.hpp>
#include <orchard/process/exit_status.hpp>
#include <orchard/process/spawn.hpp>

#include <string>
#include <string_view>

namespace orchard::process {

struct run_result {
    exit_status status;
    std::string std_out;
    std::string std_err;
};

// Spawns `command` with stdout and stderr captured (whatever the command says for them), waits
// for it, and returns everything it wrote. Meant for tools with modest output: it is all kept in
// memory. Throws spawn_error as spawn() does; a non-zero exit is in the status, not an exception.
[[nodiscard]] inline run_result run(command command) {
    command.std_out = output::capture();
    command.std_err = output::capture();
    child running = spawn(command);
    run_result result{exit_status::from_code(0), {}, {}};
    result.status = running.stream_chunks([&](stream which, std::string_view bytes) {
        (which == stream::out ? result.std_out : result.std_err).append(bytes);
    });
    return result;
}

}  // namespace orchard::process
