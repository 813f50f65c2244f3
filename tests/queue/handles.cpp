// Handles: stale ones are detected (error, not UB); generation and sequence wrap-around are handled.
#include "support.hpp"

#include <orchard/queue.hpp>

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace {

using queue_test::job;
using queue_test::pop_names;
using access = orchard::detail::queue_access;

template <class P>
struct typed_job {
    P priority;
    std::string name;
};

}  // namespace

TEMPLATE_TEST_CASE("handles: a handle to a popped, erased, extracted, drained or cleared element is stale", "",
                   (orchard::priority_queue<job>), (orchard::bucket_queue<job, 64>)) {
    TestType q;
    const auto popped = q.push({0, "popped"});
    const auto erased = q.push({1, "erased"});
    const auto extracted = q.push({1, "extracted"});
    const auto drained = q.push({2, "drained"});
    const auto cleared = q.push({3, "cleared"});
    CHECK(q.contains(popped));

    CHECK(q.pop().name == "popped");
    q.erase(erased);
    CHECK(q.extract(extracted).name == "extracted");
    CHECK(q.drain_if([](const job& j) { return j.name == "drained"; }).size() == 1);
    CHECK(q.contains(cleared));
    q.clear();

    for (const auto& h : {popped, erased, extracted, drained, cleared}) {
        CHECK_FALSE(q.contains(h));
        CHECK_THROWS_AS(q.erase(h), orchard::stale_handle);
        CHECK_THROWS_AS(q.extract(h), orchard::stale_handle);
        CHECK_THROWS_AS(q.update(h, 5), orchard::stale_handle);
        CHECK_THROWS_AS(q.modify(h, [](job&) {}), orchard::stale_handle);
        CHECK_THROWS_AS(q.at(h), orchard::error);
    }
    CHECK_FALSE(q.contains(typename TestType::handle_type{}));
    CHECK_THROWS_AS(q.erase(typename TestType::handle_type{}), orchard::stale_handle);
}

TEMPLATE_TEST_CASE("handles: a reused slot does not revive an old handle", "", (orchard::priority_queue<job>),
                   (orchard::bucket_queue<job, 64>)) {
    TestType q;
    const auto old = q.push({1, "old"});
    q.erase(old);
    const auto fresh = q.push({1, "fresh"});  // takes the freed slot
    CHECK(fresh != old);
    CHECK_FALSE(q.contains(old));
    CHECK_THROWS_AS(q.erase(old), orchard::stale_handle);
    CHECK(q.at(fresh).name == "fresh");
    q.erase(fresh);
    CHECK(q.empty());
}

TEMPLATE_TEST_CASE("handles: a slot whose generation would wrap is retired, never reused", "",
                   (orchard::priority_queue<job>), (orchard::bucket_queue<job, 64>)) {
    TestType q;
    const auto first = q.push({1, "first"});
    const std::uint32_t slot = access::slot_of(first);
    q.pop();
    // Pretend the slot has been reused 2^31 - 1 times: it is free with the last even generation.
    access::slots(q).set_generation(slot, 0xFFFF'FFFEu);
    const auto last_life = q.push({1, "last life"});
    CHECK(access::slot_of(last_life) == slot);
    CHECK(q.contains(last_life));
    CHECK_FALSE(q.contains(first));
    q.pop();  // its generation would wrap: the slot is retired
    CHECK_FALSE(q.contains(last_life));
    CHECK_FALSE(q.contains(first));
    const auto next = q.push({1, "next"});
    CHECK(access::slot_of(next) != slot);
    CHECK_FALSE(q.contains(last_life));
    CHECK_THROWS_AS(q.erase(last_life), orchard::stale_handle);
    CHECK(q.at(next).name == "next");
}

// The sequence that orders equal priorities is finite. Start it just short of its limit, push
// across the limit, and check nothing changed order: with every key layout (narrow 64-bit key,
// 128-bit key, generic priority-then-sequence) and the bucket queue.
template <class Queue, bool Descending>
struct wrap_case {
    using queue = Queue;
    static constexpr bool descending = Descending;
};

struct closer_to_zero {
    bool operator()(int a, int b) const noexcept { return (a < 0 ? -a : a) < (b < 0 ? -b : b); }
};

TEMPLATE_TEST_CASE("handles: sequence wrap-around keeps FIFO order", "",
                   (wrap_case<orchard::priority_queue<typed_job<int>>, false>),
                   (wrap_case<orchard::priority_queue<typed_job<std::int8_t>, orchard::arity<2>>, false>),
                   (wrap_case<orchard::priority_queue<typed_job<std::uint64_t>, orchard::higher_first>, true>),
                   (wrap_case<orchard::priority_queue<typed_job<double>, orchard::arity<8>>, false>),
                   (wrap_case<orchard::priority_queue<typed_job<short>, orchard::compare<std::greater<short>>>, true>),
                   (wrap_case<orchard::priority_queue<typed_job<int>, orchard::compare<closer_to_zero>>, false>),
                   (wrap_case<orchard::bucket_queue<typed_job<int>, 4>, false>),
                   (wrap_case<orchard::bucket_queue<typed_job<int>, 4, orchard::higher_first>, true>)) {
    typename TestType::queue q;
    using priority = typename TestType::queue::priority_type;
    const priority one = 1, two = 2;
    std::vector<typename TestType::queue::handle_type> handles;
    for (int i = 0; i < 6; ++i) handles.push_back(q.push({one, "early" + std::to_string(i)}));
    access::set_next_sequence(q, access::max_sequence(q) - 3);
    for (int i = 0; i < 10; ++i) handles.push_back(q.push({i % 2 == 0 ? one : two, "late" + std::to_string(i)}));
    CHECK(access::next_sequence(q) < 100);  // renumbered on the way
    // an update after the wrap still finds its place among the renumbered elements
    q.update(handles[0], two);
    q.update(handles[0], one);
    q.update(handles[9], one);  // late3 joins the ones, between late2 and late4
    const std::vector<std::string> ones{"early0", "early1", "early2", "early3", "early4", "early5",
                                        "late0",  "late2",  "late3",  "late4",  "late6",  "late8"};
    const std::vector<std::string> twos{"late1", "late5", "late7", "late9"};
    std::vector<std::string> expected = TestType::descending ? twos : ones;
    const auto& second = TestType::descending ? ones : twos;
    expected.insert(expected.end(), second.begin(), second.end());
    CHECK(pop_names(q) == expected);
}
