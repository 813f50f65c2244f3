// What a service is configured with: where it listens, the key clients must know, its limits.
#pragma once

#include <orchard/manage/manager.hpp>
#include <orchard/params/byte_size.hpp>
#include <orchard/params/endpoint.hpp>
#include <orchard/params/markers.hpp>
#include <orchard/params/schema.hpp>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace orchard {

// Where a service called `name` listens by default: $XDG_RUNTIME_DIR/<name>.sock, or
// /tmp/<name>-<uid>.sock when there is no runtime directory.
inline std::filesystem::path default_socket_path(std::string_view name) {
    if (const char* runtime = std::getenv("XDG_RUNTIME_DIR"); runtime && *runtime)
        return std::filesystem::path(runtime) / (std::string(name) + ".sock");
    return std::filesystem::path("/tmp") / (std::string(name) + "-" + std::to_string(::getuid()) + ".sock");
}

// The server's parameters, bound like any other.
struct service_params {
    std::filesystem::path socket = default_socket_path("orchard");
    std::optional<endpoint> listen{};  // also serve TCP on HOST:PORT (or PORT, on loopback)
    secret<std::string> key{};         // shared key clients must prove they know; or key_file
    byte_size max_frame = byte_size::mib(1);
    shutdown_mode stop_mode = shutdown_mode::cancel;  // what SIGTERM/SIGINT do with petitions
    bool handle_signals = true;                       // stop on SIGTERM/SIGINT

    static constexpr field_help help[] = {
        {"socket", "Unix socket to listen on (created with permissions 0600)"},
        {"listen", "Also listen on TCP at HOST:PORT, or PORT on the loopback address"},
        {"key", "Shared key clients must prove they know (challenge-response; never sent)"},
        {"max_frame", "Largest request frame accepted"},
        {"stop_mode", "On SIGTERM or SIGINT: drain (run what is queued) or cancel"},
        {"handle_signals", "Stop on SIGTERM and SIGINT"},
    };
};

}  // namespace orchard
