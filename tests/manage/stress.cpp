// Stress: 10^5 petitions with random priorities from several threads, random cancels from others.
// Every petition must reach exactly one terminal state and see on_finish exactly once.
#include "support.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <random>
#include <thread>

using namespace orchard;

namespace {

constexpr int submitters = 4;
constexpr int per_submitter = 25'000;
constexpr int total = submitters * per_submitter;

struct counting_hooks {
    std::vector<std::atomic<int>>* finished;  // on_finish calls per petition
    std::vector<std::atomic<int>>* ran;
    std::atomic<int>* not_terminal;  // on_finish with a state that is not an end (must stay 0)
    int run(test::job& j, petition_context&) {
        ++(*ran)[std::size_t(std::stoi(j.id))];
        return 0;
    }
    void on_finish(const test::job& j, const outcome& o) {
        if (!is_terminal(o.state)) ++*not_terminal;  // assertions belong to the test thread
        ++(*finished)[std::size_t(std::stoi(j.id))];
    }
};

}  // namespace

TEST_CASE("stress: every petition ends exactly once under concurrent submits and cancels") {
    std::vector<std::atomic<int>> finished(total), ran(total), done(total), cancelled(total), cancel_accepted(total);
    std::atomic<int> not_terminal{0};
    manager<test::job, manager_buckets<64>, manager_hooks<counting_hooks>> m(
        {.max_workers = 3}, counting_hooks{&finished, &ran, &not_terminal});
    std::atomic<int> submitted{0};
    std::vector<std::thread> threads;
    for (int s = 0; s < submitters; ++s) {
        threads.emplace_back([&, s] {
            std::mt19937 rng(unsigned(s) + 1);
            for (int i = 0; i < per_submitter; ++i) {
                const int id = s * per_submitter + i;
                m.submit(test::job{std::to_string(id), int(rng() % 64)},
                         {.line = {}, .done = [&, id](const outcome& o) {
                              ++done[std::size_t(id)];
                              if (o.state == petition_state::cancelled) ++cancelled[std::size_t(id)];
                          }});
                ++submitted;
            }
        });
    }
    std::atomic<int> cancels_issued{0};
    for (int c = 0; c < 2; ++c) {
        threads.emplace_back([&, c] {
            std::mt19937 rng(100u + unsigned(c));
            while (submitted.load() < total) {
                const int upto = submitted.load();
                if (upto == 0) continue;
                const int id = int(rng() % unsigned(upto));
                try {
                    m.cancel(std::to_string(id));
                    ++cancel_accepted[std::size_t(id)];  // both threads may cancel the same one
                    ++cancels_issued;
                } catch (const unknown_petition&) {
                    // already ended: fine
                }
            }
        });
    }
    for (auto& t : threads) t.join();
    m.wait_idle();
    int cancelled_count = 0;
    for (int i = 0; i < total; ++i) {
        INFO("petition " << i);
        REQUIRE(finished[std::size_t(i)].load() == 1);
        REQUIRE(done[std::size_t(i)].load() == 1);
        REQUIRE(ran[std::size_t(i)].load() <= 1);
        // A petition ends cancelled exactly when a cancel() for it was accepted.
        REQUIRE(cancelled[std::size_t(i)].load() == (cancel_accepted[std::size_t(i)].load() > 0 ? 1 : 0));
        cancelled_count += cancelled[std::size_t(i)].load();
    }
    CHECK(cancelled_count > 0);
    CHECK(cancels_issued.load() >= cancelled_count);
    CHECK(not_terminal.load() == 0);
    CHECK(m.queued() == 0);
    CHECK(m.running() == 0);
    CHECK(m.hook_errors() == 0);
}
