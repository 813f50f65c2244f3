// Scheduling: priorities, FIFO among equals, limits, per-petition conditions, look-ahead and the
// starvation guard. A blocking first job holds the single worker while the queue fills.
#include "support.hpp"

#include <catch2/catch.hpp>

#include <atomic>

using namespace orchard;
using test::gate;
using test::job;
using test::recorder;
using test::recording_hooks;

namespace {

std::vector<std::string> run_order(const recorder& events) {
    std::vector<std::string> out;
    for (const auto& e : events.starting_with("run ")) out.push_back(e.substr(4));
    return out;
}

}  // namespace

TEST_CASE("lower priority values run first; equal priorities run in submission order") {
    recorder events;
    gate release;
    manager<job, manager_hooks<recording_hooks>> m({.max_workers = 1}, recording_hooks{&events, &release});
    m.submit(job{"blocker", 0, true});
    events.wait_for("run blocker");
    // Orcha's PriorityQueue returned eight equal petitions as 0,2,6,5,7,4,1,3.
    for (int i = 0; i < 8; ++i) m.submit(job{"eq" + std::to_string(i), 5});
    m.submit(job{"urgent", 1});
    m.submit(job{"late", 9});
    release.open();
    m.wait_idle();
    CHECK(run_order(events) == std::vector<std::string>{"blocker", "urgent", "eq0", "eq1", "eq2", "eq3", "eq4", "eq5",
                                                        "eq6", "eq7", "late"});
}

TEST_CASE("a bucket queue gives the same order, and refuses priorities outside its levels") {
    recorder events;
    gate release;
    manager<job, manager_buckets<16>, manager_hooks<recording_hooks>> m({.max_workers = 1},
                                                                        recording_hooks{&events, &release});
    m.submit(job{"blocker", 0, true});
    events.wait_for("run blocker");
    m.submit(job{"b", 3});
    m.submit(job{"a", 2});
    m.submit(job{"c", 3});
    CHECK_THROWS_AS(m.submit(job{"too-low", 16}), petition_rejected);
    CHECK_THROWS_WITH(m.submit(job{"negative", -1}),
                      "petition \"negative\" has priority -1, outside the queue's levels 0..15");
    release.open();
    m.wait_idle();
    CHECK(run_order(events) == std::vector<std::string>{"blocker", "a", "b", "c"});
}

TEST_CASE("a limit caps how many petitions run at once, whatever the number of workers") {
    std::atomic<int> now{0}, peak{0};
    struct counting_hooks {
        std::atomic<int>* now;
        std::atomic<int>* peak;
        int run(job&, petition_context&) {
            const int n = ++*now;
            int p = *peak;
            while (n > p && !peak->compare_exchange_weak(p, n)) {}
            // Give the other workers a chance to start one too, if the limit let them.
            for (int i = 0; i < 200; ++i) std::this_thread::yield();
            --*now;
            return 0;
        }
    };
    manager<job, manager_limit<max_running<2>>, manager_hooks<counting_hooks>> m({.max_workers = 4},
                                                                                 counting_hooks{&now, &peak});
    for (int i = 0; i < 200; ++i) m.submit(job{"p" + std::to_string(i)});
    m.wait_idle();
    CHECK(peak.load() <= 2);
    CHECK(peak.load() >= 1);
}

TEST_CASE("a petition whose condition fails blocks those behind it, unless look-ahead lets them pass") {
    recorder events;
    gate release;
    SECTION("without look-ahead the queue waits for its head") {
        manager<job, manager_hooks<recording_hooks>> m({.max_workers = 2}, recording_hooks{&events, &release});
        m.submit(job{"blocker", 0, true});
        events.wait_for("run blocker");
        m.submit(job{"not-ready", 1, false, false});
        m.submit(job{"ready", 2});
        m.reevaluate();
        CHECK(m.queued() == 2);
        m.cancel("not-ready");
        events.wait_for("finish ready finished 0");
        release.open();
    }
    SECTION("with look-ahead a ready petition overtakes the blocked one") {
        manager<job, manager_hooks<recording_hooks>> m({.max_workers = 2, .look_ahead = 1},
                                                       recording_hooks{&events, &release});
        m.submit(job{"blocker", 0, true});
        events.wait_for("run blocker");
        m.submit(job{"not-ready", 1, false, false});
        m.submit(job{"ready", 2});
        events.wait_for("finish ready finished 0");
        CHECK(m.state_of("not-ready") == petition_state::enqueued);
        m.cancel("not-ready");
        release.open();
        m.wait_idle();
        CHECK(events.starting_with("run not-ready").empty());
    }
}

TEST_CASE("the starvation guard: a petition passed over K times stops all overtaking") {
    recorder events;
    gate release;
    // Conditions are read from this shared flag, so the test can make the starving petition ready.
    static std::atomic<bool> starving_ready{false};
    struct guarded_hooks : recording_hooks {
        bool can_start(const job& j, const manager_view&) const {
            return j.id == "starving" ? starving_ready.load() : j.ready;
        }
    };
    manager<job, manager_hooks<guarded_hooks>> m({.max_workers = 1, .look_ahead = 4, .starvation_limit = 2},
                                                 guarded_hooks{{&events, &release}});
    m.submit(job{"blocker", 0, true});
    events.wait_for("run blocker");
    m.submit(job{"starving", 1});
    for (int i = 0; i < 4; ++i) m.submit(job{"o" + std::to_string(i), 2});
    release.open();
    // o0 and o1 overtake the starving petition (passed over twice); then overtaking stops. The
    // worker decides what to start next before it reports the previous petition, so once o1's
    // on_finish has run, o2's fate is sealed.
    events.wait_for("finish o1 finished 0");
    CHECK(m.state_of("o2") == petition_state::enqueued);
    CHECK(m.state_of("starving") == petition_state::enqueued);
    starving_ready = true;
    m.reevaluate();
    m.wait_idle();
    CHECK(run_order(events) == std::vector<std::string>{"blocker", "o0", "o1", "starving", "o2", "o3"});
}
