// Cancelling: queued petitions leave the queue, running ones are stopped (cooperatively in a thread,
// by signalling the whole process group for a child process), and each ends exactly once.
#include "../process/support.hpp"  // watching processes that are not ours: pidfds, /proc
#include "support.hpp"

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>

using namespace orchard;
using orchard::test::gate;
using orchard::test::job;
using orchard::test::recorder;
using orchard::test::recording_hooks;

TEST_CASE("cancel on a queued petition removes it from the queue and reports it cancelled") {
    recorder events;
    gate release;
    manager<job, manager_hooks<recording_hooks>> m({.max_workers = 1}, recording_hooks{&events, &release});
    m.submit(job{"blocker", 0, true});
    events.wait_for("run blocker");
    m.submit(job{"queued"});
    m.cancel("queued");
    CHECK(m.queued() == 0);
    CHECK(events.starting_with("finish queued") ==
          std::vector<std::string>{"finish queued cancelled (cancelled by cancel())"});
    CHECK_THROWS_AS(m.cancel("queued"), unknown_petition);
    CHECK_THROWS_WITH(m.cancel("never"), "no petition \"never\" is queued or running");
    release.open();
    m.wait_idle();
    CHECK(events.starting_with("run queued").empty());
}

TEST_CASE("cancel on a running in-process action asks it to stop; it ends cancelled") {
    struct cooperative_hooks {
        recorder* events;
        int run(job& j, petition_context& c) {
            events->add("run " + j.id);
            return c.wait_for_stop(std::chrono::hours(1)) ? 7 : 1;  // woken by cancel, long before the hour
        }
        void on_finish(const job& j, const outcome& o) {
            events->add("finish " + j.id + " " + std::string(to_string(o.state)) + " " + std::to_string(*o.exit_code));
        }
    };
    recorder events;
    manager<job, manager_hooks<cooperative_hooks>> m({.max_workers = 1}, cooperative_hooks{&events});
    m.submit(job{"long"});
    events.wait_for("run long");
    m.cancel("long");
    m.wait_idle();
    CHECK(events.starting_with("finish") == std::vector<std::string>{"finish long cancelled 7"});
}

TEST_CASE("petition_context::wait_for_stop(timeout) runs out, or returns at once once stop is asked") {
    const std::stop_source stop;
    const petition_context c(nullptr, stop);
    CHECK_FALSE(c.wait_for_stop(std::chrono::milliseconds(1)));  // nobody asks: the time runs out
    stop.request_stop();
    CHECK(c.wait_for_stop(std::chrono::hours(1)));  // asked already: returns without waiting the hour
    c.wait_for_stop();                              // likewise
}

namespace {

// Runs `sh -c SCRIPT`; the script writes the pids it starts to a file, then a line to say it is ready.
struct shell_job {
    std::string id;
    int priority = 0;
    std::string script{};
};

struct shell_hooks {
    process::command command(const shell_job& j) const { return {.program = "sh", .args = {"-c", j.script}}; }
};

}  // namespace

TEST_CASE("cancel on a running child process stops its whole group: child and grandchild are gone") {
    const ::test::temp_dir dir;
    const std::string pids = (dir / "pids").string();
    std::vector<std::string> lines;
    std::mutex seen;
    std::condition_variable ready;
    outcome result;
    manager<shell_job, manager_executor<process_executor>, manager_hooks<shell_hooks>> m(
        {.max_workers = 1, .grace_period = std::chrono::seconds(5)});
    // The grandchild is `sleep 30 &`; the child itself waits on another sleep.
    m.submit(shell_job{"sleeper", 0,
                       "sleep 30 & echo $! > " + pids + "; echo $$ >> " + pids + "; echo ready; sleep 30; wait"},
             {.line =
                  [&](process::stream, std::string_view l) {
                      std::lock_guard lock(seen);
                      lines.emplace_back(l);
                      ready.notify_all();
                  },
              .done =
                  [&](const outcome& o) {
                      std::lock_guard lock(seen);
                      result = o;
                  }});
    {
        std::unique_lock lock(seen);
        ready.wait(lock, [&] { return !lines.empty(); });
    }
    std::ifstream in(pids);
    pid_t grandchild = 0, child = 0;
    in >> grandchild >> child;
    REQUIRE(grandchild > 0);
    REQUIRE(child > 0);
    const ::test::watched_process child_process(child), grandchild_process(grandchild);  // opened while alive
    CHECK(child_process.running_now());
    CHECK(grandchild_process.running_now());
    m.cancel("sleeper");
    m.wait_idle();
    CHECK(result.state == petition_state::cancelled);
    CHECK(result.exit_code == 128 + SIGTERM);
    CHECK(child_process.exited_within(std::chrono::milliseconds(0)));  // the manager reaped it
    // The grandchild got the same SIGTERM, but it is not ours to wait for and may exit just after
    // the child: wait for its exit event instead of looking at once.
    CHECK(grandchild_process.exited_within(::test::event_timeout));
    CHECK(::test::is_dead_and_not_ours(grandchild));
    CHECK(::test::no_children_left());  // nothing of ours is left to reap
}

TEST_CASE("a child that ignores SIGTERM is killed after the grace period") {
    outcome result;
    std::mutex seen;
    std::condition_variable ready;
    bool started = false;
    manager<shell_job, manager_executor<process_executor>, manager_hooks<shell_hooks>> m(
        {.max_workers = 1, .grace_period = std::chrono::milliseconds(200)});
    m.submit(shell_job{"stubborn", 0, "trap '' TERM; echo ready; while :; do sleep 1; done"},
             {.line =
                  [&](process::stream, std::string_view) {
                      std::lock_guard lock(seen);
                      started = true;
                      ready.notify_all();
                  },
              .done = [&](const outcome& o) { result = o; }});
    {
        std::unique_lock lock(seen);
        ready.wait(lock, [&] { return started; });
    }
    m.cancel("stubborn");
    m.wait_idle();
    CHECK(result.state == petition_state::cancelled);
    CHECK(result.exit_code == 128 + SIGKILL);
}

TEST_CASE("process petitions stream their output by line and end with the exit code") {
    std::vector<std::string> lines;
    outcome result;
    manager<shell_job, manager_executor<process_executor>, manager_hooks<shell_hooks>> m({.max_workers = 2});
    m.submit(shell_job{"talker", 0, "for i in 0 1 2; do echo \"Hello world! $i\"; done; echo oops >&2; exit 3"},
             {.line =
                  [&](process::stream s, std::string_view l) {
                      lines.push_back(std::string(s == process::stream::err ? "err: " : "") + std::string(l));
                  },
              .done = [&](const outcome& o) { result = o; }});
    m.wait_idle();
    CHECK(lines == std::vector<std::string>{"Hello world! 0", "Hello world! 1", "Hello world! 2", "err: oops"});
    CHECK(result.state == petition_state::finished);
    CHECK(result.exit_code == 3);
}

TEST_CASE("a command that cannot start ends as failed, with the reason") {
    struct missing_hooks {
        process::command command(const shell_job&) const { return {.program = "orchard-no-such-program"}; }
    };
    outcome result;
    manager<shell_job, manager_executor<process_executor>, manager_hooks<missing_hooks>> m({.max_workers = 1});
    m.submit(shell_job{"missing"}, {.line = {}, .done = [&](const outcome& o) { result = o; }});
    m.wait_idle();
    CHECK(result.state == petition_state::failed);
    CHECK_THAT(result.reason, Catch::Matchers::StartsWith("cannot spawn 'orchard-no-such-program'"));
}

TEST_CASE("petitions stay findable by id in a bucket queue while cancels sweep its levels") {
    // Regression: the id index kept pointers to petitions inside the queue; a bucket queue moves its
    // elements when a sweep compacts a level, so ids were then read through stale pointers.
    recorder events;
    gate release;
    manager<job, manager_buckets<4>, manager_hooks<recording_hooks>> m({.max_workers = 1},
                                                                       recording_hooks{&events, &release});
    m.submit(job{"blocker", 0, true});
    events.wait_for("run blocker");
    constexpr int n = 400;
    for (int i = 0; i < n; ++i) m.submit(job{"p" + std::to_string(i), 1});
    // Cancelling most of them leaves tombstones that outnumber the rest: the level is swept and
    // the survivors move.
    for (int i = 0; i < n; ++i)
        if (i % 8 != 0) m.cancel("p" + std::to_string(i));
    for (int i = 0; i < n; i += 8) {
        INFO("petition p" << i);
        REQUIRE(m.state_of("p" + std::to_string(i)) == petition_state::enqueued);
    }
    for (int i = 0; i < n; i += 8) m.cancel("p" + std::to_string(i));
    CHECK(m.queued() == 0);
    release.open();
    m.wait_idle();
    CHECK(events.starting_with("run p").empty());
}
