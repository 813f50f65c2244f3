// Errors of the process module: a program that cannot be started, a child that cannot be waited for.
#pragma once

#include <orchard/error.hpp>

#include <memory>
#include <string>
#include <system_error>

namespace orchard {

// A system call on a child process failed, or the child was reaped behind the library's back
// (SIGCHLD set to SIG_IGN, or someone called waitpid(-1)). code() holds the errno.
class process_error : public error {
public:
    process_error(const std::string& message, std::error_code code) : error(message), code_(code) {}

    [[nodiscard]] std::error_code code() const noexcept { return code_; }

private:
    std::error_code code_;
};

// The program could not be started: not found, not executable, bad working directory, an output
// file that cannot be opened... what() names the program and the reason.
class spawn_error : public process_error {
public:
    spawn_error(const std::string& program, const std::string& reason, std::error_code code)
        : process_error("cannot spawn '" + program + "': " + reason, code),
          program_(std::make_shared<const std::string>(program)) {}

    [[nodiscard]] const std::string& program() const noexcept { return *program_; }

private:
    // Shared rather than a plain string so that copying the exception cannot throw.
    std::shared_ptr<const std::string> program_;
};

}  // namespace orchard
