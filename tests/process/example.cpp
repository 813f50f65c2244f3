// The example of docs/process.md, compiled and checked.
#include <orchard/process.hpp>

#include <catch2/catch.hpp>

#include <chrono>
#include <csignal>
#include <string>
#include <thread>
#include <vector>

namespace process = orchard::process;
using namespace std::chrono_literals;

TEST_CASE("the documented example") {
    // A one-shot tool: arguments as a vector (never a shell string), everything captured.
    const process::run_result submitted = process::run({.program = "echo", .args = {"Submitted batch job 42"}});
    CHECK(submitted.status.success());
    CHECK(submitted.std_out == "Submitted batch job 42\n");

    // A job with a time limit: its output streamed line by line, a watchdog thread stopping it.
    process::child job = process::spawn({
        .program = "sh",
        .args = {"-c", "echo started; sleep 30 & wait"},
        .std_out = process::output::capture(),
        .std_err = process::output::capture(),
    });
    std::thread watchdog([&job] {
        std::this_thread::sleep_for(200ms);  // the job's time limit, not a synchronisation
        job.request_stop(1s);                // SIGTERM to its whole group now, SIGKILL in 1 s
    });
    std::vector<std::string> lines;
    const process::exit_status status = job.stream_output([&](process::stream from, std::string_view line) {
        lines.push_back(std::string(to_string(from)) + ": " + std::string(line));
    });
    watchdog.join();

    CHECK(lines == std::vector<std::string>{"stdout: started"});
    CHECK(to_string(status) == "killed by signal 15 (SIGTERM)");
    CHECK(status.shell_code() == 143);
    // Both the shell and its background `sleep 30` are gone, and the shell has been reaped.

    try {
        (void)process::spawn({.program = "sbatchh"});
        FAIL("spawn did not throw");
    } catch (const orchard::spawn_error& error) {
        CHECK_THAT(error.what(), Catch::StartsWith("cannot spawn 'sbatchh': not found in PATH (PATH="));
    }
}
