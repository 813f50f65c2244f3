// Claims: a petition's resources are reserved atomically with the decision to start it, and given
// back exactly once when it ends, whatever the end. Outcomes say why a petition ended.
#include "support.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <stdexcept>
#include <thread>

using namespace orchard;

namespace {

struct gpu_job {
    std::string id;
    int priority = 0;
    int gpus = 0;
    bool refuse = false;  // on_start says no
    bool fail = false;    // run throws
    bool wait = false;    // run waits to be cancelled
};

std::atomic<int> gpus_in_use{0}, gpus_peak{0};

struct gpu_hooks : counted_claims<&gpu_job::gpus> {
    std::atomic<int>* claims = nullptr;
    std::atomic<int>* releases = nullptr;
    test::recorder* events = nullptr;

    bool claim(const gpu_job& j, const manager_view& v) {
        const bool ok = counted_claims::claim(j, v);
        if (ok && claims) ++*claims;
        return ok;
    }
    void release(const gpu_job& j, const outcome& o) {
        counted_claims::release(j, o);
        if (releases) ++*releases;
    }
    bool on_start(gpu_job& j) { return !j.refuse; }
    int run(gpu_job& j, petition_context& c) {
        const int now = gpus_in_use += j.gpus;
        for (int peak = gpus_peak; now > peak && !gpus_peak.compare_exchange_weak(peak, now);) {}
        if (events) events->add("run " + j.id);
        std::this_thread::yield();  // a window for a second start, if claims were not atomic
        if (j.wait) c.wait_for_stop();
        gpus_in_use -= j.gpus;
        if (j.fail) throw std::runtime_error("out of memory on the device");
        return 0;
    }
    void on_finish(const gpu_job& j, const outcome& o) {
        if (events) events->add("end " + j.id + " " + std::string(to_string(o.cause)));
    }
};

}  // namespace

TEST_CASE("claims are atomic with the decision to start: two 3-GPU petitions on 4 GPUs never overlap") {
    gpus_in_use = 0;
    gpus_peak = 0;
    std::atomic<int> claims{0}, releases{0};
    manager<gpu_job, manager_hooks<gpu_hooks>> m({.max_workers = 2},
                                                 gpu_hooks{{counted_resource(4)}, &claims, &releases, nullptr});
    constexpr int rounds = 10'000;
    for (int round = 0; round < rounds; ++round) {
        m.submit(gpu_job{"a", 0, 3});
        m.submit(gpu_job{"b", 0, 3});
        m.wait_idle();
    }
    CHECK(gpus_peak.load() == 3);  // never 6
    CHECK(claims.load() == 2 * rounds);
    CHECK(releases.load() == 2 * rounds);
    CHECK(m.hooks().units.in_use() == 0);
    CHECK(m.hook_errors() == 0);
}

TEST_CASE("what was claimed is released exactly once, however the petition ends") {
    gpus_in_use = 0;
    std::atomic<int> claims{0}, releases{0};
    test::recorder events;
    manager<gpu_job, manager_hooks<gpu_hooks>> m({.max_workers = 1},
                                                 gpu_hooks{{counted_resource(4)}, &claims, &releases, &events});
    m.submit(gpu_job{"waits", 0, 4, false, false, true});
    events.wait_for("run waits");
    // Queued behind it (all 4 GPUs are taken): never claimed, never released.
    m.submit(gpu_job{"queued", 0, 1});
    CHECK(m.hooks().units.in_use() == 4);
    m.cancel("queued");
    m.cancel("waits");
    m.wait_idle();
    m.submit(gpu_job{"refused", 0, 2, true});
    m.submit(gpu_job{"fails", 0, 2, false, true});
    m.submit(gpu_job{"runs", 0, 2});
    m.wait_idle();
    CHECK(claims.load() == 4);  // waits, refused, fails, runs
    CHECK(releases.load() == 4);
    CHECK(m.hooks().units.in_use() == 0);
    CHECK(events.starting_with("end ") ==
          std::vector<std::string>{"end queued cancelled while queued", "end waits cancelled while running",
                                   "end refused refused", "end fails failed", "end runs finished"});
}

TEST_CASE("a petition that can never be claimed waits; the others pass it with look-ahead") {
    test::recorder events;
    std::atomic<int> claims{0}, releases{0};
    manager<gpu_job, manager_hooks<gpu_hooks>> m({.max_workers = 2, .look_ahead = 1},
                                                 gpu_hooks{{counted_resource(4)}, &claims, &releases, &events});
    m.submit(gpu_job{"too-big", 0, 8});
    m.submit(gpu_job{"fits", 1, 1});
    events.wait_for("end fits finished");
    CHECK(m.state_of("too-big") == petition_state::enqueued);
    m.cancel("too-big");
    m.wait_idle();
    CHECK(releases.load() == claims.load());
}

TEST_CASE("a can_start or claim that throws ends that petition as failed; the manager goes on") {
    struct throwing_hooks {
        test::recorder* events;
        bool can_start(const test::job& j, const manager_view&) const {
            if (j.id == "bad") throw std::runtime_error("the license server is down");
            return true;
        }
        int run(test::job& j, petition_context&) {
            events->add("run " + j.id);
            return 0;
        }
        void on_finish(const test::job& j, const outcome& o) {
            events->add("end " + j.id + " " + std::string(to_string(o.cause)) + ": " + o.reason);
        }
    };
    test::recorder events;
    manager<test::job, manager_hooks<throwing_hooks>> m({.max_workers = 1}, throwing_hooks{&events});
    m.submit(test::job{"bad"});
    m.submit(test::job{"good", 1});
    m.wait_idle();
    CHECK(events.events() == std::vector<std::string>{"end bad failed: can_start threw: the license server is down",
                                                      "run good", "end good finished: "});
}
