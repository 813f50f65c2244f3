// Many children at once, from many threads, with output captured and stops racing exits.
#include "support.hpp"

#include <csignal>
#include <thread>

using namespace test;

TEST_CASE("many children alive at once, waited in any order") {
    std::vector<pr::child> children;
    for (int i = 0; i < 64; ++i) children.push_back(pr::spawn(shell("exit " + std::to_string(i))));
    for (int i = 63; i >= 0; --i) CHECK(children[static_cast<std::size_t>(i)].wait().code() == i);
    CHECK(no_children_left());
}

TEST_CASE("threads spawning and streaming in parallel each get their own output") {
    constexpr int threads = 4;
    constexpr int per_thread = 15;
    std::vector<std::thread> workers;
    std::vector<int> failures(threads, 0);
    for (int t = 0; t < threads; ++t) {
        workers.emplace_back([t, &failures] {
            for (int i = 0; i < per_thread; ++i) {
                const std::string tag = std::to_string(t) + "-" + std::to_string(i);
                pr::command command = shell("echo " + tag + "; echo " + tag + " >&2; exit " + std::to_string(i));
                command.std_out = pr::output::capture();
                command.std_err = pr::output::capture();
                std::vector<std::string> out;
                std::vector<std::string> err;
                const auto status = pr::spawn(command).stream_output([&](pr::stream which, std::string_view line) {
                    (which == pr::stream::out ? out : err).emplace_back(line);
                });
                const auto result = pr::run(shell("echo " + tag));
                if (status.code() != i || out != std::vector<std::string>{tag} ||
                    err != std::vector<std::string>{tag} || result.std_out != tag + "\n")
                    ++failures[static_cast<std::size_t>(t)];
            }
        });
    }
    for (auto& worker : workers) worker.join();
    CHECK(failures == std::vector<int>(threads, 0));
    CHECK(no_children_left());
}

TEST_CASE("request_stop and kill racing the child's own exit are harmless") {
    // Children that exit by themselves while other threads try to stop them: whichever wins, the
    // status is one of the expected ones and nothing is left behind.
    for (int i = 0; i < 30; ++i) {
        auto running = pr::spawn(shell(i % 2 == 0 ? "exit 3" : "exit 0"));
        std::thread stopper([&] { running.request_stop(50ms); });
        std::thread killer([&] { running.kill(); });
        const auto status = running.wait();
        stopper.join();
        killer.join();
        CHECK((status.exited() || status.signal() == SIGTERM || status.signal() == SIGKILL));
        // After the reap, signalling is a no-op rather than a signal to a recycled group.
        running.request_stop(0ms);
        running.kill();
    }
    CHECK(no_children_left());
}

TEST_CASE("several stoppers and one waiter per child, many children") {
    std::vector<pr::child> children;
    for (int i = 0; i < 8; ++i) children.push_back(pr::spawn(shell("trap '' TERM; exec sleep 30")));
    std::vector<std::thread> waiters;
    std::vector<std::optional<pr::exit_status>> statuses(children.size());
    for (std::size_t i = 0; i < children.size(); ++i)
        waiters.emplace_back([&, i] { statuses[i] = children[i].wait(); });
    std::vector<std::thread> stoppers;
    for (int s = 0; s < 3; ++s)
        stoppers.emplace_back([&] {
            for (auto& child : children) child.request_stop(100ms);
        });
    for (auto& thread : stoppers) thread.join();
    for (auto& thread : waiters) thread.join();
    for (const auto& status : statuses) {
        REQUIRE(status);
        // SIGTERM is ignored once the trap runs; a stop that came before it is SIGTERM.
        CHECK((status->signal() == SIGKILL || status->signal() == SIGTERM));
    }
    CHECK(no_children_left());
}
