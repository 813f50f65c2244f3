// Serving a manager over Unix and TCP sockets, the client that talks to it, its protocol and login,
// and the command-line app whose subcommands come from plugins.
#pragma once

#include <orchard/service/app.hpp>
#include <orchard/service/client.hpp>
#include <orchard/service/errors.hpp>
#include <orchard/service/exit_codes.hpp>
#include <orchard/service/login.hpp>
#include <orchard/service/protocol.hpp>
#include <orchard/service/server.hpp>
#include <orchard/service/service_params.hpp>
