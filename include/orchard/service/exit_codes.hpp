// How a program ends: the exit codes of <sysexits.h>, and exit_error, which a command throws to end with one.
#pragma once

#include <orchard/error.hpp>

#include <string>

namespace orchard {

// The exit codes of <sysexits.h>, with the same values, so that scripts and service managers can
// tell a wrong command line from a wrong configuration or a crash.
namespace exit_code {
inline constexpr int ok = 0;
inline constexpr int usage = 64;          // EX_USAGE: the command line is wrong
inline constexpr int data_error = 65;     // EX_DATAERR: the input data is wrong
inline constexpr int no_input = 66;       // EX_NOINPUT: an input file cannot be opened
inline constexpr int no_user = 67;        // EX_NOUSER: unknown user
inline constexpr int no_host = 68;        // EX_NOHOST: unknown host
inline constexpr int unavailable = 69;    // EX_UNAVAILABLE: a service or resource is unavailable
inline constexpr int software = 70;       // EX_SOFTWARE: an internal error (an unexpected exception)
inline constexpr int os_error = 71;       // EX_OSERR: a system call failed (cannot fork...)
inline constexpr int os_file = 72;        // EX_OSFILE: a system file is missing
inline constexpr int cant_create = 73;    // EX_CANTCREAT: an output file cannot be created
inline constexpr int io_error = 74;       // EX_IOERR: reading or writing failed
inline constexpr int temp_fail = 75;      // EX_TEMPFAIL: a temporary failure; try again later
inline constexpr int protocol = 76;       // EX_PROTOCOL: the peer broke the protocol
inline constexpr int no_permission = 77;  // EX_NOPERM: permission denied
inline constexpr int config = 78;         // EX_CONFIG: the configuration is wrong
}  // namespace exit_code

// An error that says how the program ends: thrown from a command (or a class derived from it), run()
// prints the message (if any) and returns the code, e.g. exit_error(exit_code::unavailable, "...").
class exit_error : public error {
public:
    exit_error(int code, const std::string& message) : error(message), code_(code) {}

    int code() const noexcept { return code_; }

private:
    int code_;
};
}  // namespace orchard
