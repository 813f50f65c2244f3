// The scheduling decision alone, in one thread: queue order, held petitions, look-ahead and the
// starvation guard, without workers or locks.
#include <orchard/manage/detail/scheduler.hpp>

#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <vector>

using namespace orchard;

namespace {

// What the manager's nodes have for the scheduler: a place.
template <class Choice>
struct fake_node_for {
    std::string id;
    typename detail::petition_scheduler<fake_node_for, Choice>::place place{};
};
using fake_node = fake_node_for<manager_heap<>>;
using fake_bucket_node = fake_node_for<manager_buckets<8, higher_first>>;
using heap_scheduler = detail::petition_scheduler<fake_node, manager_heap<>>;
using bucket_scheduler = detail::petition_scheduler<fake_bucket_node, manager_buckets<8, higher_first>>;

// Picks until nothing may start; `ready` says which may.
template <class Scheduler, class Node>
std::vector<std::string> pick_all(Scheduler& s, const std::set<std::string>& ready, Node*) {
    std::vector<std::string> out;
    while (auto* n = s.pick([&](Node& c) { return ready.count(c.id) > 0; })) out.push_back(n->id);
    return out;
}
std::vector<std::string> pick_all(heap_scheduler& s, const std::set<std::string>& ready) {
    return pick_all(s, ready, static_cast<fake_node*>(nullptr));
}
std::vector<std::string> pick_all(bucket_scheduler& s, const std::set<std::string>& ready) {
    return pick_all(s, ready, static_cast<fake_bucket_node*>(nullptr));
}

}  // namespace

TEST_CASE("scheduler: queue order, and FIFO among equal priorities") {
    heap_scheduler s(0, 8);
    std::vector<fake_node> nodes{{"a", {}}, {"b", {}}, {"c", {}}, {"d", {}}};
    s.push(nodes[0], 5);
    s.push(nodes[1], 1);
    s.push(nodes[2], 5);
    s.push(nodes[3], 3);
    CHECK(s.size() == 4);
    CHECK(s.head()->id == "b");
    CHECK(pick_all(s, {"a", "b", "c", "d"}) == std::vector<std::string>{"b", "d", "a", "c"});
    CHECK(s.empty());
}

TEST_CASE("scheduler: without look-ahead the head blocks; with it, later ones pass and the head keeps its place") {
    std::vector<fake_node> nodes{{"head", {}}, {"x", {}}, {"y", {}}};
    SECTION("no look-ahead") {
        heap_scheduler s(0, 8);
        for (auto& n : nodes) s.push(n, 1);
        CHECK(pick_all(s, {"x", "y"}).empty());
        CHECK(s.size() == 3);
    }
    SECTION("look-ahead 1: x passes; then y must wait behind two that may not start") {
        heap_scheduler s(1, 8);
        for (auto& n : nodes) s.push(n, 1);
        CHECK(pick_all(s, {"x"}) == std::vector<std::string>{"x"});
        CHECK(s.head()->id == "head");  // held aside, still first
        CHECK(pick_all(s, {"head", "y"}) == std::vector<std::string>{"head", "y"});
    }
}

TEST_CASE("scheduler: a petition passed over starvation_limit times stops all overtaking") {
    heap_scheduler s(4, 2);
    std::vector<fake_node> nodes{{"starving", {}}, {"o0", {}}, {"o1", {}}, {"o2", {}}};
    for (auto& n : nodes) s.push(n, 1);
    CHECK(s.pick([](fake_node& c) { return c.id != "starving"; })->id == "o0");
    CHECK(s.pick([](fake_node& c) { return c.id != "starving"; })->id == "o1");
    CHECK(s.pick([](fake_node& c) { return c.id != "starving"; }) == nullptr);  // passed over twice
    CHECK(pick_all(s, {"starving", "o2"}) == std::vector<std::string>{"starving", "o2"});
}

TEST_CASE("scheduler: held petitions merge back in queue order; remove takes one out wherever it waits") {
    heap_scheduler s(8, 8);
    std::vector<fake_node> nodes{{"p1", {}}, {"p2", {}}, {"p3", {}}, {"late", {}}};
    s.push(nodes[0], 1);
    s.push(nodes[1], 2);
    s.push(nodes[2], 3);
    CHECK(s.pick([](fake_node& c) { return c.id == "p3"; })->id == "p3");  // p1 and p2 held aside
    s.push(nodes[3], 0);                                                   // ahead of the held ones
    s.remove(nodes[1]);                                                    // a held one
    CHECK(pick_all(s, {"p1", "p2", "late"}) == std::vector<std::string>{"late", "p1"});
    CHECK(s.empty());
}

TEST_CASE("scheduler: a bucket queue with higher_first takes higher levels first") {
    bucket_scheduler s(0, 8);
    std::vector<fake_bucket_node> nodes{{"low", {}}, {"high", {}}, {"mid", {}}};
    s.push(nodes[0], 1);
    s.push(nodes[1], 7);
    s.push(nodes[2], 4);
    CHECK(pick_all(s, {"low", "high", "mid"}) == std::vector<std::string>{"high", "mid", "low"});
    CHECK(s.take_any() == nullptr);
}
