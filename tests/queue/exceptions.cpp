// Move-only payloads, and what each operation guarantees when a copy, a key, a predicate or a sink throws.
#include "support.hpp"

#include <orchard/queue.hpp>

#include <catch2/catch.hpp>

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using queue_test::fragile;
using queue_test::owned;

template <class Q>
std::vector<int> pop_ids(Q& q) {
    std::vector<int> out;
    while (!q.empty()) out.push_back(q.pop().id);
    return out;
}

// A key function that refuses one value.
struct picky_key {
    int operator()(const fragile& f) const {
        if (f.priority == 13) throw std::invalid_argument("unlucky");
        return f.priority;
    }
};

// Copying throws once copies_left reaches 0, but moving cannot throw: bucket_queue keeps these in
// its levels' cells. Counts its live instances.
struct fragile_in_cells {
    static inline int copies_left = -1;
    static inline int alive = 0;
    int priority = 0;
    int id = 0;
    fragile_in_cells(int p, int i) : priority(p), id(i) { ++alive; }
    fragile_in_cells(const fragile_in_cells& other) : priority(other.priority), id(other.id) {
        if (copies_left == 0) throw std::runtime_error("copy failed");
        if (copies_left > 0) --copies_left;
        ++alive;
    }
    fragile_in_cells(fragile_in_cells&& other) noexcept : priority(other.priority), id(other.id) { ++alive; }
    fragile_in_cells& operator=(const fragile_in_cells&) = default;
    ~fragile_in_cells() { --alive; }
};

struct fragile_copies_guard {
    ~fragile_copies_guard() { fragile::copies_left = -1; }
};

}  // namespace

TEMPLATE_TEST_CASE("exceptions: move-only payloads go through push, emplace, pop, extract and drain_if", "",
                   (orchard::priority_queue<owned>), (orchard::bucket_queue<owned, 16>)) {
    TestType q;
    q.push(owned{3, std::make_unique<int>(30)});
    const auto h = q.emplace(1, std::make_unique<int>(10));
    q.push(owned{2, std::make_unique<int>(20)});
    q.push(owned{2, std::make_unique<int>(21)});
    CHECK(*q.top().payload == 10);
    CHECK(*q.extract(h).payload == 10);
    std::vector<int> drained;
    q.drain_if([](const owned& o) { return *o.payload == 21; }, [&](owned&& o) { drained.push_back(*o.payload); });
    CHECK(drained == std::vector<int>{21});
    TestType moved = std::move(q);
    const owned first = moved.pop();
    CHECK(*first.payload == 20);
    CHECK(*moved.pop().payload == 30);
    CHECK(moved.empty());
}

TEMPLATE_TEST_CASE("exceptions: push gives the strong guarantee when the payload's copy throws", "",
                   (orchard::priority_queue<fragile>), (orchard::priority_queue<fragile, orchard::arity<2>>),
                   (orchard::bucket_queue<fragile, 8>)) {
    const fragile_copies_guard guard;
    TestType q;
    std::vector<typename TestType::handle_type> handles;
    for (int i = 0; i < 20; ++i) handles.push_back(q.push(fragile{i % 4, i}));
    const auto before = q;  // copies are allowed here: copies_left is -1

    const fragile bad{0, 99};
    fragile::copies_left = 0;
    CHECK_THROWS_AS(q.push(bad), std::runtime_error);
    CHECK_THROWS_AS(q.emplace(bad), std::runtime_error);
    fragile::copies_left = -1;

    CHECK(q.size() == 20);
    for (const auto& h : handles) CHECK(q.contains(h));
    auto expected = before;
    CHECK(pop_ids(q) == pop_ids(expected));

    // and the queue keeps working afterwards
    q.push(bad);
    CHECK(q.pop().id == 99);
}

TEMPLATE_TEST_CASE("exceptions: a queue copy that throws midway leaks nothing and leaves the original", "",
                   (orchard::priority_queue<fragile>), (orchard::bucket_queue<fragile, 8>)) {
    const fragile_copies_guard guard;
    TestType q;
    for (int i = 0; i < 40; ++i) q.push(fragile{i % 8, i});
    fragile::copies_left = 25;
    CHECK_THROWS_AS(TestType(q), std::runtime_error);
    fragile::copies_left = -1;
    CHECK(q.size() == 40);
    CHECK(pop_ids(q).size() == 40);
}

TEST_CASE(
    "exceptions: a bucket_queue with elements in its cells gives push's strong guarantee and copies without leaks") {
    REQUIRE(fragile_in_cells::alive == 0);
    using queue = orchard::bucket_queue<fragile_in_cells, 8>;
    {
        queue q;
        std::vector<queue::handle_type> handles;
        for (int i = 0; i < 40; ++i) handles.push_back(q.push(fragile_in_cells{i % 8, i}));
        q.erase(handles[3]);  // a tombstone to copy
        const fragile_in_cells bad{0, 99};
        fragile_in_cells::copies_left = 0;
        CHECK_THROWS_AS(q.push(bad), std::runtime_error);
        CHECK_THROWS_AS(q.emplace(bad), std::runtime_error);
        fragile_in_cells::copies_left = 25;  // fails in the middle of a level
        CHECK_THROWS_AS(queue(q), std::runtime_error);
        fragile_in_cells::copies_left = -1;
        CHECK(fragile_in_cells::alive == 39 + 1);  // the queue's and `bad`
        CHECK(q.size() == 39);
        for (std::size_t i = 0; i < handles.size(); ++i) CHECK(q.contains(handles[i]) == (i != 3));
        const auto copy = q;
        CHECK(pop_ids(q).size() == 39);
    }
    CHECK(fragile_in_cells::alive == 0);
}

TEST_CASE("exceptions: a key function that throws during push leaves the queue unchanged") {
    orchard::priority_queue<fragile, orchard::priority_key<picky_key>> q;
    q.push(fragile{1, 1});
    CHECK_THROWS_AS(q.push(fragile{13, 2}), std::invalid_argument);
    CHECK(q.size() == 1);
    q.push(fragile{0, 3});
    CHECK(pop_ids(q) == std::vector<int>{3, 1});
}

TEST_CASE("exceptions: modify whose key function then throws removes the element") {
    orchard::priority_queue<fragile, orchard::priority_key<picky_key>> q;
    const auto a = q.push(fragile{1, 1});
    q.push(fragile{2, 2});
    CHECK_THROWS_AS(q.modify(a, [](fragile& f) { f.priority = 13; }), std::invalid_argument);
    CHECK_FALSE(q.contains(a));
    CHECK(pop_ids(q) == std::vector<int>{2});
}

TEMPLATE_TEST_CASE("exceptions: modify whose function throws keeps the element, placed by its priority", "",
                   (orchard::priority_queue<fragile>), (orchard::bucket_queue<fragile, 8>)) {
    TestType q;
    const auto a = q.push(fragile{5, 1});
    q.push(fragile{3, 2});
    CHECK_THROWS_AS(q.modify(a,
                             [](fragile& f) {
                                 f.priority = 0;
                                 throw std::logic_error("half done");
                             }),
                    std::logic_error);
    CHECK(q.contains(a));
    CHECK(pop_ids(q) == std::vector<int>{1, 2});
}

TEST_CASE("exceptions: modify to a priority outside the levels removes the element") {
    orchard::bucket_queue<fragile, 8> q;
    const auto a = q.push(fragile{5, 1});
    q.push(fragile{3, 2});
    CHECK_THROWS_AS(q.modify(a, [](fragile& f) { f.priority = 8; }), orchard::priority_out_of_range);
    CHECK_FALSE(q.contains(a));
    CHECK(q.size() == 1);
}

TEMPLATE_TEST_CASE("exceptions: drain_if whose predicate throws removes nothing", "",
                   (orchard::priority_queue<fragile>), (orchard::bucket_queue<fragile, 8>)) {
    TestType q;
    for (int i = 0; i < 30; ++i) q.push(fragile{(i * 5) % 7, i});
    auto expected = q;
    int calls = 0;
    CHECK_THROWS_AS(q.drain_if(
                        [&](const fragile& f) {
                            if (++calls == 17) throw std::runtime_error("predicate failed");
                            return f.id % 2 == 0;
                        },
                        [](fragile&&) {}),
                    std::runtime_error);
    CHECK(q.size() == 30);
    CHECK(pop_ids(q) == pop_ids(expected));
}

TEMPLATE_TEST_CASE("exceptions: drain_if whose sink throws keeps the elements not yet handed over", "",
                   (orchard::priority_queue<fragile>), (orchard::bucket_queue<fragile, 8>)) {
    TestType q;
    for (int i = 0; i < 30; ++i) q.push(fragile{(i * 5) % 7, i});
    auto reference = q;
    std::vector<int> taken;
    CHECK_THROWS_AS(q.drain_if([](const fragile& f) { return f.id % 3 == 0; },
                               [&](fragile&& f) {
                                   if (taken.size() == 4) throw std::runtime_error("sink full");
                                   taken.push_back(f.id);
                               }),
                    std::runtime_error);
    // the first four matches in pop order are gone; everything else is still queued, in order
    std::vector<int> expected;
    std::size_t matched = 0;
    for (int id : pop_ids(reference)) {
        if (id % 3 == 0 && matched++ < 4) continue;
        expected.push_back(id);
    }
    CHECK(taken.size() == 4);
    CHECK(q.size() == 26);
    CHECK(pop_ids(q) == expected);
}
