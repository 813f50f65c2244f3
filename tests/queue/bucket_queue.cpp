// orchard::bucket_queue: levels, FIFO within a level, range errors, update order, iteration, drain_if.
#include "support.hpp"

#include <orchard/queue.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

namespace {

using queue_test::job;
using queue_test::pop_names;

struct level_job {
    std::uint8_t priority;
    std::string name;
};

// Counts its live instances. With a move constructor that cannot throw, the queue keeps elements
// in its levels' cells and moves them (update, sweeps); otherwise in their slots, never moved.
template <bool NothrowMove>
struct counted {
    static inline int alive = 0;
    int priority = 0;
    std::string name;  // so that the destructor matters
    counted(int p, std::string n) : priority(p), name(std::move(n)) { ++alive; }
    counted(const counted& other) : priority(other.priority), name(other.name) { ++alive; }
    counted(counted&& other) noexcept(NothrowMove) : priority(other.priority), name(std::move(other.name)) { ++alive; }
    counted& operator=(const counted&) = default;
    counted& operator=(counted&&) = default;
    ~counted() { --alive; }
};

}  // namespace

TEST_CASE("bucket_queue: eight equal petitions come out in submission order") {
    orchard::bucket_queue<job, 64> q;
    for (int i = 0; i < 8; ++i) q.push({5, std::to_string(i)});
    CHECK(pop_names(q) == std::vector<std::string>{"0", "1", "2", "3", "4", "5", "6", "7"});
}

TEST_CASE("bucket_queue: lowest level first, FIFO within a level") {
    orchard::bucket_queue<job, 64> q;
    q.push({63, "last"});
    q.push({7, "b1"});
    q.push({0, "first"});
    q.push({7, "b2"});
    q.push({62, "z"});
    CHECK(q.top().name == "first");
    CHECK(pop_names(q) == std::vector<std::string>{"first", "b1", "b2", "z", "last"});
}

TEST_CASE("bucket_queue: a priority outside the levels is an error that changes nothing") {
    orchard::bucket_queue<job, 64> q;
    const auto h = q.push({1, "a"});
    CHECK_THROWS_AS(q.push({64, "too high"}), orchard::priority_out_of_range);
    CHECK_THROWS_AS(q.push({-1, "negative"}), orchard::priority_out_of_range);
    CHECK_THROWS_WITH(q.emplace(100, "x"), Catch::Contains("priority 100") && Catch::Contains("0..63"));
    CHECK_THROWS_AS(q.update(h, 64), orchard::priority_out_of_range);
    CHECK(q.size() == 1);
    CHECK(q.at(h).priority == 1);
    q.push({63, "b"});
    CHECK(pop_names(q) == std::vector<std::string>{"a", "b"});
}

TEST_CASE("bucket_queue: unsigned narrow priorities and a single level") {
    orchard::bucket_queue<level_job, 256> wide;
    wide.push({255, "top"});
    wide.push({0, "bottom"});
    CHECK(pop_names(wide) == std::vector<std::string>{"bottom", "top"});

    orchard::bucket_queue<job, 1> one;
    one.push({0, "a"});
    one.push({0, "b"});
    CHECK_THROWS_AS(one.push({1, "c"}), orchard::priority_out_of_range);
    CHECK(pop_names(one) == std::vector<std::string>{"a", "b"});
}

TEST_CASE("bucket_queue: more than 64 levels use the two-level bitmap") {
    orchard::bucket_queue<job, 4096> q;
    for (int p : {4095, 64, 63, 1000, 0, 64, 2047, 128}) q.push({p, std::to_string(p)});
    CHECK(pop_names(q) == std::vector<std::string>{"0", "63", "64", "64", "128", "1000", "2047", "4095"});

    orchard::bucket_queue<job, 200, orchard::higher_first> h;
    for (int p : {0, 199, 64, 65, 63, 128, 127}) h.push({p, std::to_string(p)});
    CHECK(pop_names(h) == std::vector<std::string>{"199", "128", "127", "65", "64", "63", "0"});
}

TEST_CASE("bucket_queue: update keeps the element's place in submission order within its new level") {
    orchard::bucket_queue<job, 16> q;
    std::vector<orchard::bucket_queue<job, 16>::handle_type> h;
    // level 5 gets pushes 1, 3, 5, 7, 9; the others sit at level 9
    for (int i = 0; i < 10; ++i) h.push_back(q.push({i % 2 == 1 ? 5 : 9, std::to_string(i)}));
    q.update(h[0], 5);  // before everyone at level 5: the front
    q.update(h[8], 5);  // after 7, before 9: walks in from the back
    q.update(h[4], 5);  // after 3, before 5: walks in from the front
    q.update(h[2], 5);
    q.update(h[6], orchard::priority_c<5>);
    CHECK(q.at(h[6]).priority == 5);
    CHECK(pop_names(q) == std::vector<std::string>{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"});
}

TEST_CASE("bucket_queue: update to the same level or an empty level") {
    orchard::bucket_queue<job, 8> q;
    const auto a = q.push({3, "a"});
    q.push({3, "b"});
    q.update(a, 3);
    q.update(a, 3);
    const auto c = q.push({1, "c"});
    q.update(c, 7);
    CHECK(pop_names(q) == std::vector<std::string>{"a", "b", "c"});
}

TEST_CASE("bucket_queue: iteration lists the elements in pop order") {
    orchard::bucket_queue<job, 128> q;
    for (int i = 0; i < 30; ++i) q.push({(i * 37) % 100, std::to_string(i)});
    std::vector<std::string> listed;
    for (auto it = q.begin(); it != q.end(); ++it) {
        listed.push_back(it->name);
        CHECK(q.contains(it.handle()));
    }
    CHECK(listed == pop_names(q));
    CHECK(q.begin() == q.end());
}

TEST_CASE("bucket_queue: drain_if hands over matching elements in pop order") {
    orchard::bucket_queue<job, 64> q;
    for (int i = 0; i < 30; ++i) q.push({i % 4, std::to_string(i)});
    std::vector<std::string> drained;
    const auto n = q.drain_if([](const job& j) { return std::stoi(j.name) % 2 == 0; },
                              [&](job&& j) { drained.push_back(std::move(j.name)); });
    CHECK(n == 15);
    CHECK(drained == std::vector<std::string>{"0", "4", "8", "12", "16", "20", "24", "28", "2", "6", "10", "14", "18",
                                              "22", "26"});
    CHECK(q.size() == 15);
    const auto odd = q.drain_if([](const job& j) { return j.priority == 3; });
    CHECK(odd.size() == 7);
    CHECK(q.size() == 8);
}

TEST_CASE("bucket_queue: clear, copy and move") {
    orchard::bucket_queue<job, 64> q;
    const auto a = q.push({2, "a"});
    const auto b = q.push({1, "b"});
    auto copy = q;
    q.clear();
    CHECK(q.empty());
    CHECK_FALSE(q.contains(a));
    CHECK(copy.contains(a));
    copy.erase(b);
    CHECK(pop_names(copy) == std::vector<std::string>{"a"});
    q.push({9, "x"});
    auto moved = std::move(q);
    CHECK(moved.size() == 1);
    CHECK(q.empty());  // NOLINT(bugprone-use-after-move): a moved-from queue is empty and usable
}

TEST_CASE("bucket_queue: a copy keeps the tombstones and their count") {
    using access = orchard::detail::queue_access;
    orchard::bucket_queue<job, 4> q;
    std::vector<orchard::bucket_queue<job, 4>::handle_type> h;
    for (int i = 0; i < 10; ++i) h.push_back(q.push({3, std::to_string(i)}));
    for (int i = 1; i < 10; i += 2) q.erase(h[static_cast<std::size_t>(i)]);  // five dead cells behind a live front
    auto copy = q;
    CHECK(access::level_cells(copy, 3) == 10);
    std::vector<std::string> listed;
    for (const job& j : copy) listed.push_back(j.name);
    CHECK(listed == std::vector<std::string>{"0", "2", "4", "6", "8"});
    // The copy counts its tombstones too: popping past them and then churning keeps its cells bounded.
    CHECK(pop_names(copy) == std::vector<std::string>{"0", "2", "4", "6", "8"});
    CHECK(access::level_cells(copy, 3) == 0);
    const auto keep = copy.push({3, "keep"});
    for (int round = 0; round < 100; ++round) copy.erase(copy.push({3, "temp"}));
    CHECK(access::level_cells(copy, 3) <= 4 * 1 + 33);
    CHECK(copy.at(keep).name == "keep");
    CHECK(pop_names(q) == std::vector<std::string>{"0", "2", "4", "6", "8"});  // the original is untouched
}

TEMPLATE_TEST_CASE("bucket_queue: every element is destroyed exactly once, whether kept in cells or in slots", "",
                   counted<true>, counted<false>) {
    REQUIRE(TestType::alive == 0);
    {
        using queue = orchard::bucket_queue<TestType, 8>;
        queue q;
        std::vector<typename queue::handle_type> h;
        for (int i = 0; i < 300; ++i) h.push_back(q.push(TestType{i % 8, std::to_string(i)}));
        CHECK(TestType::alive == 300);
        for (std::size_t i = 0; i < h.size(); i += 3) q.erase(h[i]);
        for (std::size_t i = 1; i < h.size(); i += 3) q.update(h[i], (q.at(h[i]).priority + 3) % 8);  // moves them
        CHECK(TestType::alive == 200);
        CHECK(q.extract(h[2]).name == "2");
        // 105, 115, ..., 295 but those erased (105, 135, ..., 285)
        CHECK(q.drain_if([](const TestType& t) { return t.name.size() == 3 && t.name[2] == '5'; }).size() == 13);
        CHECK(TestType::alive == 186);
        {
            queue copy = q;
            CHECK(TestType::alive == 2 * 186);
            copy.clear();
            CHECK(TestType::alive == 186);
            for (int i = 0; i < 50; ++i) copy.push(TestType{i % 8, "c"});
        }  // the copy's destructor
        CHECK(TestType::alive == 186);
        for (int round = 0; round < 2000; ++round)
            q.erase(q.push(TestType{round % 8, "temp"}));  // sweeps move elements
        CHECK(TestType::alive == 186);
        CHECK(q.size() == 186);
        for (int i = 0; i < 100; ++i) q.pop();
        CHECK(TestType::alive == 86);
    }
    CHECK(TestType::alive == 0);
}

TEST_CASE("bucket_queue: once every level has reached its peak, nothing allocates") {
    // Levels take blocks of cells from a pool shared by the queue and give them back when they
    // have drained them; once the pool holds enough blocks for the largest the levels have been
    // together, pushing, popping, erasing and moving elements allocates nothing.
    orchard::bucket_queue<job, 64> q;
    q.reserve(640);
    for (int i = 0; i < 640; ++i) q.push({i % 64, {}});
    const auto cycle = [&q](int rounds) {
        for (int i = 0; i < rounds; ++i) {
            auto j = q.pop();
            const int level = j.priority;
            const auto h = q.push(std::move(j));
            if (i % 10 == 0) {
                q.update(h, (level + 7) % 64);
                q.update(h, level);
            }
            if (i % 10 == 5) {
                q.erase(h);
                q.push({level, {}});
            }
        }
    };
    cycle(20000);  // every level reaches its peak (live elements plus tombstones)
    const std::size_t before = queue_test::allocations();
    cycle(5000);
    CHECK(queue_test::allocations() == before);
    CHECK(q.size() == 640);
}

TEST_CASE("bucket_queue: an erased element's cell stays dead when its slot holds a newer element") {
    // The next push reuses the erased element's slot while its dead cell is still in the level.
    // Walks that move cells must then leave that slot's new element alone.
    using access = orchard::detail::queue_access;
    orchard::bucket_queue<job, 4> q;
    q.push({1, "b"});
    const auto x = q.push({2, "x"});
    const auto c = q.push({1, "c"});
    q.push({1, "d"});
    q.erase(c);
    const auto e = q.push({1, "e"});
    REQUIRE(access::slot_of(e) == access::slot_of(c));  // the case under test: e took c's slot
    CHECK_FALSE(q.contains(c));
    std::vector<std::string> listed;
    for (const job& j : q) listed.push_back(j.name);
    CHECK(listed == std::vector<std::string>{"b", "d", "e", "x"});
    q.update(x, 1);  // x belongs between b and d: b and c's dead cell move one place towards the front
    q.update(e, 0);  // e's old cell dies by e's header; c's dead cell, naming the same slot, stays dead
    CHECK(q.size() == 4);
    listed.clear();
    for (const job& j : q) listed.push_back(j.name);
    CHECK(listed == std::vector<std::string>{"e", "b", "x", "d"});  // e once: its old cell is dead
    CHECK(pop_names(q) == std::vector<std::string>{"e", "b", "x", "d"});
}

TEST_CASE("bucket_queue: ring positions past 2^40 and 2^64 wrap harmlessly") {
    // A slot keeps only the low 40 bits of its position, and positions are 64-bit counters that
    // may wrap: erase, update and drain_if must still find each element's own cell around both.
    using access = orchard::detail::queue_access;
    const std::uint64_t start = GENERATE(std::uint64_t{1} << 40, std::uint64_t{0});
    orchard::bucket_queue<job, 4> q;
    for (std::size_t level = 0; level < 4; ++level)
        q.push({static_cast<int>(level), "warm-up"});  // allocate every level
    while (!q.empty()) q.pop();
    for (std::size_t level = 0; level < 4; ++level) access::restart_level_at(q, level, start - 5);
    std::vector<orchard::bucket_queue<job, 4>::handle_type> h;
    for (int i = 0; i < 10; ++i) h.push_back(q.push({1, "a" + std::to_string(i)}));  // a0..a9 straddle the wrap
    for (int i = 0; i < 4; ++i) q.push({2, "b" + std::to_string(i)});
    q.erase(h[0]);      // the front, before the wrap
    q.erase(h[6]);      // after it
    q.update(h[4], 2);  // a4 to level 2, in front of the b's: it was pushed before them
    q.update(h[7], 0);
    q.update(h[4], 1);  // back to level 1 between a3 and a5: cells move across the wrap
    CHECK(q.drain_if([](const job& j) { return j.name == "a5" || j.name == "b1"; }).size() == 2);
    CHECK_FALSE(q.contains(h[0]));
    CHECK(q.contains(h[4]));
    CHECK(pop_names(q) == std::vector<std::string>{"a7", "a1", "a2", "a3", "a4", "a8", "a9", "b0", "b2", "b3"});
}

TEST_CASE("bucket_queue: tombstones left by erase and update are swept out") {
    using access = orchard::detail::queue_access;
    using queue = orchard::bucket_queue<job, 8>;
    queue q;
    const auto cells = [&q] {  // live and dead, over all levels
        std::uint64_t n = 0;
        for (std::size_t level = 0; level < queue::levels; ++level) n += access::level_cells(q, level);
        return n;
    };
    q.push({0, "front"});  // level 0 is never popped below: level 5 is only erased from
    std::vector<queue::handle_type> h;
    for (int i = 0; i < 200; ++i) h.push_back(q.push({5, std::to_string(i)}));
    for (int i = 0; i < 200; i += 3) q.erase(h[static_cast<std::size_t>(i)]);
    for (int i = 1; i < 200; i += 3) q.update(h[static_cast<std::size_t>(i)], 6);
    const std::size_t size = 1 + 200 - 67;
    CHECK(q.size() == size);
    CHECK(cells() <= 4 * size + 33);
    const std::uint64_t waiting = access::level_cells(q, 5);
    CHECK(waiting > 200 - 134);                               // dead cells wait at level 5: not yet too many to sweep
    for (std::size_t round = 0; round < 3 * size; ++round) {  // push and cancel at level 5, again and again
        const auto t = q.push({5, "temp"});
        q.erase(t);
        REQUIRE(cells() <= 4 * size + 33);
    }
    CHECK(access::level_cells(q, 5) < waiting);  // swept
    CHECK(q.size() == size);
    std::vector<std::string> names = pop_names(q);
    CHECK(names.front() == "front");
    CHECK(names.size() == size);
}

TEST_CASE("bucket_queue: cells that held tombstones are live again when the level reuses them") {
    // Once a tombstone has left its level (past the front, or swept out), the cell it occupied
    // must take a new element as a live one, whatever the cell's slot said before.
    using access = orchard::detail::queue_access;
    orchard::bucket_queue<job, 4> q;
    const auto listed = [](const auto& queue) {  // iteration asks each cell whether it is live
        std::vector<std::string> names;
        for (const job& j : queue) names.push_back(j.name);
        return names;
    };
    SECTION("tombstones dropped at the front, then the emptied level starts again at its first cell") {
        q.push({1, "a"});
        const auto b = q.push({1, "b"});
        const auto c = q.push({1, "c"});
        q.push({1, "d"});
        q.erase(b);
        q.erase(c);
        CHECK(pop_names(q) == std::vector<std::string>{"a", "d"});
        for (const char* name : {"x", "y", "z", "w"}) q.push({1, name});
        CHECK(q.size() == 4);
        CHECK(listed(q) == std::vector<std::string>{"x", "y", "z", "w"});
        CHECK(pop_names(q) == std::vector<std::string>{"x", "y", "z", "w"});
    }
    SECTION("tombstones swept out, then new elements in the cells behind the survivors") {
        q.push({0, "front"});  // level 2 is never popped while this waits
        std::vector<orchard::bucket_queue<job, 4>::handle_type> h;
        for (int i = 0; i < 40; ++i) h.push_back(q.push({2, std::to_string(i)}));
        for (int i = 0; i < 40; ++i)
            if (i % 10 != 5) q.erase(h[static_cast<std::size_t>(i)]);  // 5, 15, 25, 35 survive
        const std::uint64_t before = access::level_cells(q, 2);
        while (access::level_cells(q, 2) >= before) q.erase(q.push({2, "temp"}));  // until a sweep
        for (int i = 0; i < 6; ++i) q.push({2, "late" + std::to_string(i)});
        CHECK(q.size() == 11);
        CHECK(listed(q).size() == 11);
        CHECK(pop_names(q) == std::vector<std::string>{"front", "5", "15", "25", "35", "late0", "late1", "late2",
                                                       "late3", "late4", "late5"});
    }
}
