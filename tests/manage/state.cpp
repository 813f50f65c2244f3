// The petition state machine, ids, submission and shutdown.
#include "support.hpp"

#include <catch2/catch.hpp>

using namespace orchard;
using test::gate;
using test::job;
using test::recorder;
using test::recording_hooks;

using manager_type = manager<job, manager_hooks<recording_hooks>>;

TEST_CASE("the state machine allows exactly the documented transitions") {
    using enum petition_state;
    const petition_state all[] = {pending, enqueued, running, finished, cancelled, failed, done};
    std::vector<std::string> allowed;
    for (auto from : all)
        for (auto to : all)
            if (allowed_transition(from, to))
                allowed.push_back(std::string(to_string(from)) + "->" + std::string(to_string(to)));
    CHECK(allowed == std::vector<std::string>{"pending->enqueued", "pending->cancelled", "pending->failed",
                                              "enqueued->running", "enqueued->cancelled", "running->finished",
                                              "running->cancelled", "running->failed", "finished->done",
                                              "cancelled->done", "failed->done"});
    CHECK(is_terminal(finished));
    CHECK_FALSE(is_terminal(running));
}

TEST_CASE("every petition ends once: on_finish and the sink are called exactly once, in that order") {
    recorder events;
    gate release;
    manager_type m({.max_workers = 2}, recording_hooks{&events, &release});
    std::vector<std::string> lines, outcomes;
    std::mutex seen;
    for (int i = 0; i < 20; ++i) {
        m.submit(job{"j" + std::to_string(i), i % 4, false, true, i},
                 {.line =
                      [&](process::stream, std::string_view l) {
                          std::lock_guard lock(seen);
                          lines.emplace_back(l);
                      },
                  .done =
                      [&, i](const outcome& o) {
                          std::lock_guard lock(seen);
                          outcomes.push_back("j" + std::to_string(i) + " " + std::to_string(*o.exit_code));
                          events.add("done j" + std::to_string(i));
                      }});
    }
    m.wait_idle();
    CHECK(lines.size() == 20);
    CHECK(outcomes.size() == 20);
    const auto all = events.events();
    for (int i = 0; i < 20; ++i) {
        const std::string id = "j" + std::to_string(i);
        const auto finish = std::find(all.begin(), all.end(), "finish " + id + " finished " + std::to_string(i));
        const auto done = std::find(all.begin(), all.end(), "done " + id);
        REQUIRE(finish != all.end());
        REQUIRE(done != all.end());
        CHECK(finish < done);
        CHECK(std::count(all.begin(), all.end(), "done " + id) == 1);
    }
    CHECK(m.queued() == 0);
    CHECK(m.running() == 0);
}

TEST_CASE("an id already queued or running is rejected; after it ends it can be used again") {
    recorder events;
    gate release;
    manager_type m({.max_workers = 1}, recording_hooks{&events, &release});
    m.submit(job{"a", 0, true});
    events.wait_for("run a");
    m.submit(job{"b"});
    CHECK(m.state_of("a") == petition_state::running);
    CHECK(m.state_of("b") == petition_state::enqueued);
    CHECK_THROWS_WITH(m.submit(job{"a"}), "petition \"a\" is already running");
    CHECK_THROWS_WITH(m.submit(job{"b"}), "petition \"b\" is already queued");
    CHECK_THROWS_AS(m.submit(job{"b"}), petition_rejected);
    release.open();
    m.wait_idle();
    CHECK_FALSE(m.state_of("a").has_value());
    CHECK_NOTHROW(m.submit(job{"a"}));
    m.wait_idle();
    CHECK(events.starting_with("finish a").size() == 2);
}

TEST_CASE("on_start may refuse: the action is skipped, on_finish still runs") {
    recorder events;
    gate release;
    manager_type m({.max_workers = 1}, recording_hooks{&events, &release, true});
    outcome seen;
    m.submit(job{"r"}, {.line = {}, .done = [&](const outcome& o) { seen = o; }});
    m.wait_idle();
    CHECK(events.events() == std::vector<std::string>{"start r", "finish r cancelled (refused by on_start)"});
    CHECK(seen.state == petition_state::cancelled);
    CHECK_FALSE(seen.exit_code.has_value());
}

TEST_CASE("an action that throws ends the petition as failed, with the reason") {
    struct throwing_hooks {
        int run(job&, petition_context&) { throw std::runtime_error("disk full"); }
    };
    manager<job, manager_hooks<throwing_hooks>> m({.max_workers = 1});
    outcome seen;
    m.submit(job{"t"}, {.line = {}, .done = [&](const outcome& o) { seen = o; }});
    m.wait_idle();
    CHECK(seen.state == petition_state::failed);
    CHECK(seen.reason == "disk full");
}

TEST_CASE("shutdown(drain) runs what is queued; shutdown(cancel) cancels it; then submit is refused") {
    recorder events;
    gate release;
    SECTION("drain") {
        manager_type m({.max_workers = 1}, recording_hooks{&events, &release});
        m.submit(job{"first", 0, true});
        events.wait_for("run first");
        m.submit(job{"second"});
        std::thread stopper([&] { m.shutdown(shutdown_mode::drain); });
        release.open();
        stopper.join();
        CHECK(events.starting_with("finish second") == std::vector<std::string>{"finish second finished 0"});
        CHECK_THROWS_WITH(m.submit(job{"late"}), "the manager is shutting down: petition \"late\" was not accepted");
    }
    SECTION("cancel") {
        manager_type m({.max_workers = 1}, recording_hooks{&events, &release});
        m.submit(job{"first", 0, true});
        events.wait_for("run first");
        m.submit(job{"second"});
        m.submit(job{"third"});
        std::thread opener([&] {
            events.wait_for("finish second cancelled (cancelled by shutdown)");
            release.open();
        });
        m.shutdown(shutdown_mode::cancel);
        opener.join();
        CHECK(events.starting_with("finish third") ==
              std::vector<std::string>{"finish third cancelled (cancelled by shutdown)"});
        CHECK(events.starting_with("finish first") ==
              std::vector<std::string>{"finish first cancelled 0 (cancelled by shutdown)"});
        CHECK(events.starting_with("run second").empty());
        CHECK_THROWS_WITH(m.submit(job{"x"}), "the manager is shutting down: petition \"x\" was not accepted");
    }
}
