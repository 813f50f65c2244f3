// Child processes: spawn a command in its own process group, stream its output, stop it, reap it.
#pragma once

#include <orchard/process/child.hpp>
#include <orchard/process/command.hpp>
#include <orchard/process/error.hpp>
#include <orchard/process/exit_status.hpp>
#include <orchard/process/run.hpp>
#include <orchard/process/spawn.hpp>
