// Starting a command as a child process that leads its own process group.
#pragma once

#include <orchard/process/child.hpp>
#include <orchard/process/command.hpp>
#include <orchard/process/detail/spawn.hpp>

namespace orchard::process {

// Starts `command` with posix_spawn and returns the child as soon as it runs. Throws spawn_error
// (naming the program and the reason) when it cannot be started: not found in PATH, not
// executable, bad working directory, a redirection file that cannot be opened.
[[nodiscard]] inline child spawn(const command& command) { return child(detail::spawn_process(command)); }

}  // namespace orchard::process
