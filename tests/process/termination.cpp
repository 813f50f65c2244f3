// Stopping children: the whole process group, SIGKILL after the grace period, no zombie, no orphan.
#include "support.hpp"

#include <csignal>
#include <future>

using namespace test;

namespace {

using clock_type = std::chrono::steady_clock;

// A shell that starts a background grandchild, reports its pid on stdout, then waits in the
// foreground: `sh -c 'sleep 30 & sleep 30; wait'` with a way to know when it is ready.
// With kill_group_on_exit off, the signal itself must reach the group: the cleanup on exit
// cannot hide a stop that only reached the leader.
pr::command shell_with_grandchild(bool kill_group_on_exit) {
    pr::command command = shell("sleep 30 & echo $!; sleep 30; wait");
    command.std_out = pr::output::capture();
    command.kill_group_on_exit = kill_group_on_exit;
    return command;
}

}  // namespace

TEST_CASE("request_stop from another thread stops the child and its grandchild") {
    const bool kill_group_on_exit = GENERATE(true, false);
    CAPTURE(kill_group_on_exit);
    auto running = pr::spawn(shell_with_grandchild(kill_group_on_exit));
    const pid_t leader = running.pid();

    std::promise<pid_t> grandchild_pid;
    std::future<pr::exit_status> status = std::async(std::launch::async, [&] {
        bool first = true;
        return running.stream_output([&](pr::stream, std::string_view line) {
            if (std::exchange(first, false)) grandchild_pid.set_value(std::stoi(std::string(line)));
        });
    });
    auto pid_future = grandchild_pid.get_future();
    REQUIRE(pid_future.wait_for(event_timeout) == std::future_status::ready);
    const watched_process grandchild(pid_future.get());
    CHECK(grandchild.running_now());
    CHECK(::getpgid(grandchild.pid()) == leader);

    CHECK(!running.stop_requested());
    // While the other thread is streaming. A grace period far beyond the test's timeout, so only
    // SIGTERM reaching every member of the group can end it in time.
    running.request_stop(std::chrono::hours(1));
    CHECK(running.stop_requested());

    REQUIRE(status.wait_for(event_timeout) == std::future_status::ready);
    const auto result = status.get();
    CHECK(result.signal() == SIGTERM);  // sh dies of SIGTERM well before the grace period ends
    CHECK(grandchild.exited_within(event_timeout));
    CHECK(is_dead_and_not_ours(grandchild.pid()));
    CHECK(::kill(leader, 0) == -1);
    CHECK(no_children_left());
}

TEST_CASE("a child that ignores SIGTERM gets SIGKILL when the grace period ends") {
    temp_dir dir;
    fifo ready(dir / "ready");
    pr::command command = shell("trap '' TERM; echo ready; exec sleep 30");
    command.std_out = pr::output::to_file(ready.path());

    SECTION("while another thread waits") {
        auto running = pr::spawn(command);
        REQUIRE(ready.read_line() == "ready");
        auto status = std::async(std::launch::async, [&] { return running.wait(); });

        const auto start = clock_type::now();
        running.request_stop(200ms);
        REQUIRE(status.wait_for(event_timeout) == std::future_status::ready);
        const auto elapsed = clock_type::now() - start;
        CHECK(status.get().signal() == SIGKILL);
        CHECK(elapsed >= 200ms);
        CHECK(elapsed < 5s);
    }
    SECTION("when nobody was waiting: the next wait enforces the deadline") {
        auto running = pr::spawn(command);
        REQUIRE(ready.read_line() == "ready");
        const auto start = clock_type::now();
        running.request_stop(150ms);
        CHECK(!running.try_wait());  // SIGTERM is ignored
        CHECK(running.wait().signal() == SIGKILL);
        CHECK(clock_type::now() - start >= 150ms);
    }
    SECTION("a shorter second request wins") {
        auto running = pr::spawn(command);
        REQUIRE(ready.read_line() == "ready");
        auto status = std::async(std::launch::async, [&] { return running.wait(); });
        running.request_stop(std::chrono::hours(1));
        running.request_stop(100ms);
        REQUIRE(status.wait_for(event_timeout) == std::future_status::ready);
        CHECK(status.get().signal() == SIGKILL);
    }
    CHECK(no_children_left());
}

TEST_CASE("request_stop wakes a stopped job so it can act on SIGTERM") {
    auto running = pr::spawn({.program = "sleep", .args = {"30"}});
    ::kill(running.pid(), SIGSTOP);
    siginfo_t info{};
    // Wait for the stop itself (WNOWAIT leaves the child to the library).
    REQUIRE(::waitid(P_PID, static_cast<id_t>(running.pid()), &info, WSTOPPED | WNOWAIT) == 0);
    running.request_stop(std::chrono::hours(1));
    const auto status = running.wait_for(event_timeout);
    REQUIRE(status);
    CHECK(status->signal() == SIGTERM);
}

TEST_CASE("kill() from another thread is an immediate SIGKILL to the group") {
    const bool kill_group_on_exit = GENERATE(true, false);
    CAPTURE(kill_group_on_exit);
    auto running = pr::spawn(shell_with_grandchild(kill_group_on_exit));
    std::promise<pid_t> grandchild_pid;
    auto status = std::async(std::launch::async, [&] {
        bool first = true;
        return running.stream_output([&](pr::stream, std::string_view line) {
            if (std::exchange(first, false)) grandchild_pid.set_value(std::stoi(std::string(line)));
        });
    });
    auto pid_future = grandchild_pid.get_future();
    REQUIRE(pid_future.wait_for(event_timeout) == std::future_status::ready);
    const watched_process grandchild(pid_future.get());

    running.kill();
    REQUIRE(status.wait_for(event_timeout) == std::future_status::ready);
    CHECK(status.get().signal() == SIGKILL);
    CHECK(grandchild.exited_within(event_timeout));
    CHECK(no_children_left());
}

TEST_CASE("when the child exits, what is left of its group is killed before it is reaped") {
    temp_dir dir;
    fifo pids(dir / "pids");
    pr::command command = shell("sleep 30 & echo $!");
    command.std_out = pr::output::to_file(pids.path());

    SECTION("by default") {
        auto running = pr::spawn(command);
        const watched_process grandchild(std::stoi(pids.read_line()));
        CHECK(running.wait().success());
        CHECK(grandchild.exited_within(event_timeout));
        CHECK(is_dead_and_not_ours(grandchild.pid()));
    }
    SECTION("unless turned off, for a child that starts a daemon") {
        command.kill_group_on_exit = false;
        auto running = pr::spawn(command);
        const watched_process grandchild(std::stoi(pids.read_line()));
        CHECK(running.wait().success());
        CHECK(grandchild.running_now());
        ::kill(grandchild.pid(), SIGKILL);  // no longer in a group we own: clean up by hand
        CHECK(grandchild.exited_within(event_timeout));
    }
    CHECK(no_children_left());
}

TEST_CASE("without kill_group_on_exit, request_stop still reaches a group that holds the pipes") {
    // The leader exits at once; its background sleep keeps stdout open, so streaming goes on and
    // the leader's zombie keeps the group id ours until the pipe closes.
    pr::command command = shell("sleep 30 & echo $!");
    command.std_out = pr::output::capture();
    command.kill_group_on_exit = false;
    auto running = pr::spawn(command);

    std::promise<pid_t> grandchild_pid;
    auto status = std::async(std::launch::async, [&] {
        return running.stream_output(
            [&](pr::stream, std::string_view line) { grandchild_pid.set_value(std::stoi(std::string(line))); });
    });
    auto pid_future = grandchild_pid.get_future();
    REQUIRE(pid_future.wait_for(event_timeout) == std::future_status::ready);
    const watched_process grandchild(pid_future.get());
    // The leader has exited once it is a zombie; WNOWAIT leaves reaping it to the library.
    siginfo_t info{};
    REQUIRE(::waitid(P_PID, static_cast<id_t>(running.pid()), &info, WEXITED | WNOWAIT) == 0);
    CHECK(grandchild.running_now());

    running.request_stop(std::chrono::hours(1));  // only SIGTERM to the group can end it in time
    REQUIRE(status.wait_for(event_timeout) == std::future_status::ready);
    CHECK(status.get().success());  // the leader itself had exited normally
    CHECK(grandchild.exited_within(event_timeout));
    CHECK(no_children_left());
}

TEST_CASE("destroying a running child leaves nothing behind") {
    temp_dir dir;
    fifo pids(dir / "pids");
    pr::command command = shell("sleep 30 & echo $!; exec sleep 30");
    command.std_out = pr::output::to_file(pids.path());

    pid_t leader = 0;
    std::optional<watched_process> grandchild;
    {
        auto running = pr::spawn(command);
        leader = running.pid();
        grandchild.emplace(std::stoi(pids.read_line()));
        CHECK(grandchild->running_now());
    }
    CHECK(grandchild->exited_within(event_timeout));
    CHECK(is_dead_and_not_ours(grandchild->pid()));
    CHECK(process_state(leader) == 0);
    CHECK(no_children_left());
}

TEST_CASE("destroying a child after request_stop, with nobody waiting, kills at once") {
    const auto start = clock_type::now();
    {
        auto running = pr::spawn(shell("trap '' TERM; exec sleep 30"));
        running.request_stop(std::chrono::hours(1));
    }
    CHECK(clock_type::now() - start < 5s);
    CHECK(no_children_left());
}
