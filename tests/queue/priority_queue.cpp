// orchard::priority_queue: order, stability, top/pop, iteration, drain_if, clear, copies, no steady-state allocation.
#include "support.hpp"

#include <orchard/queue.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using queue_test::job;
using queue_test::pop_names;

}  // namespace

TEST_CASE("priority_queue: eight equal petitions come out in submission order") {
    orchard::priority_queue<job> q;
    for (int i = 0; i < 8; ++i) q.push({5, std::to_string(i)});
    CHECK(pop_names(q) == std::vector<std::string>{"0", "1", "2", "3", "4", "5", "6", "7"});
}

TEST_CASE("priority_queue: lower priority first, FIFO among equals") {
    orchard::priority_queue<job> q;
    q.push({3, "c1"});
    q.push({1, "a1"});
    q.push({-2, "neg"});
    q.push({3, "c2"});
    q.push({1, "a2"});
    q.push({std::numeric_limits<int>::max(), "max"});
    q.push({std::numeric_limits<int>::min(), "min"});
    CHECK(q.size() == 7);
    CHECK(q.top().name == "min");
    CHECK(pop_names(q) == std::vector<std::string>{"min", "neg", "a1", "a2", "c1", "c2", "max"});
    CHECK(q.empty());
}

TEST_CASE("priority_queue: pop and top on an empty queue throw empty_queue") {
    orchard::priority_queue<job> q;
    CHECK_THROWS_AS(q.pop(), orchard::empty_queue);
    CHECK_THROWS_AS(q.top(), orchard::empty_queue);
    CHECK_THROWS_AS(q.top_handle(), orchard::empty_queue);
    q.push({1, "x"});
    q.pop();
    CHECK_THROWS_AS(q.pop(), orchard::error);
}

TEST_CASE("priority_queue: top_handle names the top element") {
    orchard::priority_queue<job> q;
    q.push({2, "b"});
    const auto a = q.push({1, "a"});
    CHECK(q.top_handle() == a);
    q.erase(q.top_handle());
    CHECK(q.top().name == "b");
}

TEST_CASE("priority_queue: emplace constructs in place, with parentheses or braces") {
    orchard::priority_queue<job> q;
    q.emplace(2, "braced");  // job is an aggregate
    q.emplace(job{1, "copy"});
    CHECK(pop_names(q) == std::vector<std::string>{"copy", "braced"});
}

TEST_CASE("priority_queue: iteration visits every element once, with its handle") {
    orchard::priority_queue<job, orchard::arity<3>> q;
    std::vector<orchard::priority_queue<job, orchard::arity<3>>::handle_type> handles;
    for (int i = 0; i < 50; ++i) handles.push_back(q.push({(i * 17) % 11, std::to_string(i)}));
    std::vector<std::string> seen;
    for (auto it = q.begin(); it != q.end(); ++it) {
        seen.push_back(it->name);
        CHECK(q.at(it.handle()).name == it->name);
    }
    std::sort(seen.begin(), seen.end());
    std::vector<std::string> expected;
    for (int i = 0; i < 50; ++i) expected.push_back(std::to_string(i));
    std::sort(expected.begin(), expected.end());
    CHECK(seen == expected);
    CHECK(std::distance(q.begin(), q.end()) == 50);
}

TEST_CASE("priority_queue: drain_if removes the matching elements and hands them over in pop order") {
    orchard::priority_queue<job> q;
    for (int i = 0; i < 40; ++i) q.push({i % 5, std::to_string(i)});
    std::vector<std::string> drained;
    const auto n = q.drain_if([](const job& j) { return std::stoi(j.name) % 3 == 0; },
                              [&](job&& j) { drained.push_back(std::move(j.name)); });
    CHECK(n == 14);
    CHECK(q.size() == 26);
    // pop order: priority first, then push order
    std::vector<std::string> expected;
    for (int p = 0; p < 5; ++p)
        for (int i = 0; i < 40; ++i)
            if (i % 5 == p && i % 3 == 0) expected.push_back(std::to_string(i));
    CHECK(drained == expected);
    std::vector<std::string> rest = pop_names(q);
    CHECK(rest.size() == 26);
    CHECK(std::none_of(rest.begin(), rest.end(), [](const std::string& s) { return std::stoi(s) % 3 == 0; }));
    CHECK(std::is_sorted(rest.begin(), rest.end(), [](const std::string& a, const std::string& b) {
        const int x = std::stoi(a), y = std::stoi(b);
        return x % 5 != y % 5 ? x % 5 < y % 5 : x < y;
    }));
}

TEST_CASE("priority_queue: drain_if without a sink returns the elements; nothing matching changes nothing") {
    orchard::priority_queue<job> q;
    for (int i = 0; i < 10; ++i) q.push({10 - i, std::to_string(i)});
    CHECK(q.drain_if([](const job&) { return false; }).empty());
    CHECK(q.size() == 10);
    const auto out = q.drain_if([](const job& j) { return j.priority > 7; });
    REQUIRE(out.size() == 3);
    CHECK(out[0].name == "2");
    CHECK(out[2].name == "0");
    CHECK(q.top().name == "9");
}

TEST_CASE("priority_queue: clear empties the queue, keeps it usable and restarts FIFO") {
    orchard::priority_queue<job> q;
    const auto h = q.push({1, "a"});
    q.push({1, "b"});
    q.clear();
    CHECK(q.empty());
    CHECK_FALSE(q.contains(h));
    q.push({1, "c"});
    q.push({1, "d"});
    CHECK(pop_names(q) == std::vector<std::string>{"c", "d"});
}

TEST_CASE("priority_queue: copies are independent and answer the same handles") {
    orchard::priority_queue<job> q;
    const auto a = q.push({2, "a"});
    const auto b = q.push({1, "b"});
    auto copy = q;
    copy.erase(b);
    CHECK(q.contains(b));
    CHECK(copy.contains(a));
    CHECK(copy.at(a).name == "a");
    CHECK(pop_names(q) == std::vector<std::string>{"b", "a"});
    CHECK(pop_names(copy) == std::vector<std::string>{"a"});
    orchard::priority_queue<job> assigned;
    assigned.push({0, "old"});
    assigned = copy;
    CHECK(assigned.empty());
}

TEST_CASE("priority_queue: moving transfers the elements and leaves an empty queue") {
    orchard::priority_queue<job> q;
    const auto h = q.push({1, "a"});
    auto moved = std::move(q);
    CHECK(moved.contains(h));
    CHECK(moved.size() == 1);
    CHECK(q.empty());  // NOLINT(bugprone-use-after-move): a moved-from queue is empty and usable
    q.push({9, "again"});
    q.push({7, "first"});
    CHECK(q.size() == 2);
    CHECK(q.top().name == "first");
    swap(q, moved);
    CHECK(q.top().name == "a");
    CHECK(pop_names(moved) == std::vector<std::string>{"first", "again"});
}

TEST_CASE("priority_queue: swap exchanges everything, the element pushed ahead of the rest too") {
    orchard::priority_queue<job> x;
    x.push({1, "front"});  // pushed ahead of everything (of nothing)
    orchard::priority_queue<job> y;
    y.push({5, "p"});
    y.push({6, "r"});
    CHECK(y.pop().name == "p");  // y's only element is now in its heap
    swap(x, y);
    CHECK(x.top().name == "r");
    CHECK(y.top().name == "front");
    CHECK(pop_names(x) == std::vector<std::string>{"r"});
    CHECK(pop_names(y) == std::vector<std::string>{"front"});
}

TEST_CASE("priority_queue: a queue at a steady size does not allocate") {
    orchard::priority_queue<job> q;
    q.reserve(1000);
    for (int i = 0; i < 1000; ++i) q.push({i % 7, {}});
    const std::size_t before = queue_test::allocations();
    for (int i = 0; i < 5000; ++i) {
        auto j = q.pop();
        j.priority = (j.priority + 3) % 11;
        const auto h = q.push(std::move(j));
        if (i % 10 == 0) q.update(h, i % 13);
        if (i % 10 == 5) {
            q.erase(h);
            q.push({i % 5, {}});
        }
    }
    CHECK(queue_test::allocations() == before);
}

TEST_CASE("priority_queue: update moves an element and keeps its place in submission order") {
    orchard::priority_queue<job> q;
    const auto a = q.push({5, "a"});
    q.push({3, "b"});
    const auto c = q.push({9, "c"});
    q.push({3, "d"});
    q.update(c, 3);  // c was pushed before d: it comes out between b and d
    q.update(a, 3);  // a was pushed first of all: it now comes out first
    CHECK(q.at(c).priority == 3);
    CHECK(pop_names(q) == std::vector<std::string>{"a", "b", "c", "d"});
}

TEST_CASE("priority_queue: update to a later priority sinks the element") {
    orchard::priority_queue<job, orchard::arity<2>> q;
    std::vector<orchard::priority_queue<job, orchard::arity<2>>::handle_type> h;
    for (int i = 0; i < 20; ++i) h.push_back(q.push({i, std::to_string(i)}));
    q.update(h[0], 100);
    q.update(h[19], -1);
    q.update(h[10], orchard::priority_c<10>);  // same priority: stays where it is
    const auto names = pop_names(q);
    CHECK(names.front() == "19");
    CHECK(names.back() == "0");
    CHECK(names[10] == "10");
}

TEST_CASE("priority_queue: modify changes the element and re-reads its priority") {
    orchard::priority_queue<job> q;
    const auto a = q.push({1, "a"});
    q.push({2, "b"});
    q.modify(a, [](job& j) {
        j.priority = 7;
        j.name = "a7";
    });
    CHECK(pop_names(q) == std::vector<std::string>{"b", "a7"});
}

// ---- lazy erase and update: stale heap entries ----------------------------------------------------

TEST_CASE("priority_queue: stale entries from erase and update stay bounded") {
    using access = orchard::detail::queue_access;
    orchard::priority_queue<job> q;
    std::vector<orchard::priority_queue<job>::handle_type> h;
    for (int i = 0; i < 1000; ++i) h.push_back(q.push({i, std::to_string(i)}));
    for (int round = 0; round < 20; ++round)
        for (int i = 0; i < 1000; ++i) q.update(h[static_cast<std::size_t>(i)], (i * 7 + round) % 1000);
    CHECK(access::heap_entries(q) <= 2 * q.size() + 33);
    for (int i = 0; i < 1000; i += 2) q.erase(h[static_cast<std::size_t>(i)]);
    CHECK(q.size() == 500);
    CHECK(access::heap_entries(q) <= 2 * q.size() + 33);
    std::vector<std::string> names = pop_names(q);
    CHECK(names.size() == 500);
    std::sort(names.begin(), names.end());
    CHECK(std::adjacent_find(names.begin(), names.end()) == names.end());
}

TEST_CASE("priority_queue: an element updated away and back has one place, and comes out once") {
    // Updating A -> B -> A leaves two identical entries for the element: one must count.
    orchard::priority_queue<job> q;
    const auto a = q.push({5, "a"});
    q.push({5, "b"});
    const auto c = q.push({1, "c"});
    for (int i = 0; i < 3; ++i) {
        q.update(a, 9);
        q.update(a, 5);
        q.update(c, 7);
        q.update(c, 1);
    }
    CHECK(q.size() == 3);
    CHECK(std::distance(q.begin(), q.end()) == 3);
    auto copy = q;
    const auto drained = copy.drain_if([](const job& j) { return j.name != "b"; });
    REQUIRE(drained.size() == 2);
    CHECK(drained[0].name == "c");
    CHECK(drained[1].name == "a");
    CHECK(copy.size() == 1);
    CHECK(pop_names(copy) == std::vector<std::string>{"b"});
    CHECK(pop_names(q) == std::vector<std::string>{"c", "a", "b"});
    CHECK(q.empty());
    CHECK_THROWS_AS(q.pop(), orchard::empty_queue);
}

TEST_CASE("priority_queue: erasing the top, and everything, leaves a consistent queue") {
    orchard::priority_queue<job, orchard::arity<2>> q;
    std::vector<orchard::priority_queue<job, orchard::arity<2>>::handle_type> h;
    for (int i = 0; i < 100; ++i) h.push_back(q.push({i % 10, std::to_string(i)}));
    while (!q.empty()) {
        const auto top = q.top_handle();
        CHECK(q.at(top).priority == q.top().priority);
        q.erase(top);
    }
    for (const auto& x : h) CHECK_FALSE(q.contains(x));
    CHECK(q.begin() == q.end());
    q.push({3, "again"});
    CHECK(q.top().name == "again");
}

// ---- an element pushed ahead of everything waits beside the heap -----------------------------------

TEST_CASE("priority_queue: a push ahead of everything queued comes out next; equal priorities stay FIFO") {
    orchard::priority_queue<job> q;
    for (int i = 0; i < 20; ++i) q.push({5, "old" + std::to_string(i)});
    q.push({1, "x"});  // ahead of everything
    q.push({1, "y"});  // equal to x, pushed later: after it
    q.push({0, "z"});  // ahead of x
    CHECK(q.top().name == "z");
    CHECK(q.at(q.top_handle()).name == "z");
    std::vector<std::string> expected{"z", "x", "y"};
    for (int i = 0; i < 20; ++i) expected.push_back("old" + std::to_string(i));
    auto copy = q;
    CHECK(pop_names(q) == expected);
    CHECK(pop_names(copy) == expected);
}

TEST_CASE("priority_queue: the hold model over 64 priorities pops in stable order") {
    // Pop the first, push a fresh priority: most pushes land ahead of the backlog and are popped
    // next, the rest join it. The order must be exactly (priority, push order).
    orchard::priority_queue<job> q;
    std::set<std::pair<int, int>> model;  // (priority, push number)
    std::mt19937 rng(7);
    int pushed = 0;
    const auto push = [&] {
        const int p = static_cast<int>(rng() % 64);
        q.push({p, std::to_string(pushed)});
        model.emplace(p, pushed++);
    };
    for (int i = 0; i < 2000; ++i) push();
    bool in_order = true;
    for (int step = 0; step < 50000 && in_order; ++step) {
        const job j = q.pop();
        const auto first = *model.begin();
        model.erase(model.begin());
        in_order = j.priority == first.first && j.name == std::to_string(first.second);
        push();
    }
    CHECK(in_order);
    CHECK(q.size() == model.size());
}

TEST_CASE("priority_queue: erasing or updating the element pushed ahead of everything") {
    orchard::priority_queue<job> q;
    const auto a = q.push({5, "a"});
    const auto b = q.push({5, "b"});
    const auto front = q.push({1, "front"});
    SECTION("erase it: the heap's first is next") {
        q.erase(front);
        CHECK_FALSE(q.contains(front));
        CHECK(q.size() == 2);
        CHECK(q.top().name == "a");
        CHECK(pop_names(q) == std::vector<std::string>{"a", "b"});
    }
    SECTION("update it to a later priority: it sinks, and keeps its push order among equals") {
        q.update(front, 5);
        CHECK(q.top().name == "a");
        CHECK(pop_names(q) == std::vector<std::string>{"a", "b", "front"});
    }
    SECTION("update it to an earlier priority: it stays first") {
        q.update(front, 0);
        CHECK(q.top().name == "front");
        CHECK(pop_names(q) == std::vector<std::string>{"front", "a", "b"});
    }
    SECTION("update another element ahead of it") {
        q.update(b, 0);
        CHECK(q.top().name == "b");
        CHECK(pop_names(q) == std::vector<std::string>{"b", "front", "a"});
    }
    SECTION("update it away and back: one element, which comes out once") {
        q.update(front, 9);
        q.update(front, 1);
        q.update(a, 9);
        q.update(a, 5);
        CHECK(q.size() == 3);
        CHECK(std::distance(q.begin(), q.end()) == 3);
        auto drained = q;
        CHECK(drained.drain_if([](const job& j) { return j.name != "b"; }).size() == 2);
        CHECK(pop_names(drained) == std::vector<std::string>{"b"});
        CHECK(pop_names(q) == std::vector<std::string>{"front", "a", "b"});
    }
    SECTION("a drain whose sink refuses it keeps everything, and a later drain sees it unchosen") {
        CHECK_THROWS_AS(
            q.drain_if([](const job&) { return true; }, [](job&&) { throw std::runtime_error("sink full"); }),
            std::runtime_error);
        CHECK(q.size() == 3);
        CHECK(q.top().name == "front");
        CHECK(q.drain_if([](const job& j) { return j.name == "b"; }).size() == 1);
        CHECK(pop_names(q) == std::vector<std::string>{"front", "a"});
    }
    SECTION("iterate, drain and clear with it") {
        std::vector<std::string> seen;
        for (auto it = q.begin(); it != q.end(); ++it) {
            seen.push_back(it->name);
            CHECK(q.at(it.handle()).name == it->name);
        }
        std::sort(seen.begin(), seen.end());
        CHECK(seen == std::vector<std::string>{"a", "b", "front"});
        auto drained = q;
        const auto out = drained.drain_if([](const job& j) { return j.name != "a"; });
        REQUIRE(out.size() == 2);
        CHECK(out[0].name == "front");
        CHECK(out[1].name == "b");
        CHECK(pop_names(drained) == std::vector<std::string>{"a"});
        q.clear();
        CHECK(q.empty());
        CHECK_FALSE(q.contains(front));
        CHECK_FALSE(q.contains(a));
        q.push({3, "again"});
        CHECK(q.top().name == "again");
    }
}
