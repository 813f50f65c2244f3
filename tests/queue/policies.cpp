// Policies: defaults, priority_member, priority_key, higher_first, compare, arity, any order; the concept.
#include "support.hpp"

#include <orchard/queue.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <type_traits>
#include <vector>

namespace {

using queue_test::job;

struct petition {
    std::string id;
    unsigned urgency = 0;
    int nice = 0;
};

struct by_nice_twice {
    int operator()(const petition& p) const noexcept { return p.nice * 2; }
};

enum class tier : std::uint8_t { interactive, batch, scavenger };

struct tiered {
    tier priority;
    int id;
};

struct fractional {
    double priority;
    int id;
};

// Orders by distance from zero: a comparator that does not pack into one key.
struct closer_to_zero {
    bool operator()(int a, int b) const noexcept { return std::abs(a) < std::abs(b); }
};

// A priority with no default constructor (still trivially copyable): a deadline must be given.
class deadline {
public:
    explicit deadline(long at) : at_(at) {}
    long at() const noexcept { return at_; }

private:
    long at_;
};

struct sooner {
    bool operator()(deadline a, deadline b) const noexcept { return a.at() < b.at(); }
};

struct timed {
    deadline priority;
    int id;
};

template <class Q>
std::vector<int> pop_ids(Q& q) {
    std::vector<int> out;
    while (!q.empty()) out.push_back(q.pop().id);
    return out;
}

template <class Q>
std::vector<std::string> pop_petitions(Q& q) {
    std::vector<std::string> out;
    while (!q.empty()) out.push_back(q.pop().id);
    return out;
}

}  // namespace

// ---- the concept and the shape of the types ------------------------------------------------------

static_assert(orchard::petition_queue<orchard::priority_queue<job>>);
static_assert(orchard::petition_queue<orchard::priority_queue<job, orchard::arity<8>, orchard::higher_first>>);
static_assert(orchard::petition_queue<orchard::bucket_queue<job, 64>>);
static_assert(orchard::petition_queue<orchard::bucket_queue<job, 1000, orchard::higher_first>>);
static_assert(orchard::petition_queue<orchard::priority_queue<queue_test::owned>>);
static_assert(orchard::petition_queue<orchard::bucket_queue<queue_test::owned, 8>>);
static_assert(!orchard::petition_queue<std::vector<job>>);

static_assert(orchard::priority_queue<job>::arity == 4);
static_assert(orchard::priority_queue<job, orchard::arity<2>>::arity == 2);
static_assert(std::is_same_v<orchard::priority_queue<job>::priority_type, int>);
static_assert(
    std::is_same_v<orchard::priority_queue<petition, orchard::priority_member<&petition::urgency>>::priority_type,
                   unsigned>);
static_assert(
    std::is_same_v<orchard::priority_queue<petition, orchard::priority_key<by_nice_twice>>::priority_type, int>);
static_assert(std::is_same_v<orchard::priority_queue<double>::priority_type, double>);

// Handles are small values, distinct per queue type.
static_assert(sizeof(orchard::priority_queue<job>::handle_type) == 8);
static_assert(std::is_trivially_copyable_v<orchard::bucket_queue<job, 64>::handle_type>);
static_assert(
    !std::is_convertible_v<orchard::priority_queue<job>::handle_type, orchard::bucket_queue<job, 64>::handle_type>);

// Copyable exactly when the elements are.
static_assert(std::is_copy_constructible_v<orchard::priority_queue<job>>);
static_assert(!std::is_copy_constructible_v<orchard::priority_queue<queue_test::owned>>);
static_assert(!std::is_copy_constructible_v<orchard::bucket_queue<queue_test::owned, 4>>);
static_assert(std::is_nothrow_move_constructible_v<orchard::bucket_queue<queue_test::owned, 4>>);

// ---- where the priority comes from --------------------------------------------------------------

TEST_CASE("policies: priority_member reads another member") {
    orchard::priority_queue<petition, orchard::priority_member<&petition::urgency>> q;
    q.push({"late", 9, 0});
    q.push({"soon", 1, 0});
    const auto h = q.push({"mid", 5, 0});
    q.update(h, 0u);
    CHECK(q.at(h).urgency == 0);
    CHECK(pop_petitions(q) == std::vector<std::string>{"mid", "soon", "late"});
}

TEST_CASE("policies: priority_key computes the priority; modify re-reads it") {
    using queue = orchard::priority_queue<petition, orchard::priority_key<by_nice_twice>>;
    queue q;
    q.push({"a", 0, 3});
    const auto b = q.push({"b", 0, 1});
    q.push({"c", 0, 2});
    q.modify(b, [](petition& p) { p.nice = 10; });
    CHECK(pop_petitions(q) == std::vector<std::string>{"c", "a", "b"});
}

TEST_CASE("policies: a captureless lambda is a key function") {
    using key = decltype([](const petition& p) { return -p.nice; });
    orchard::bucket_queue<petition, 16, orchard::priority_key<key>> q;
    q.push({"x", 0, -3});
    q.push({"y", 0, -7});
    CHECK(pop_petitions(q) == std::vector<std::string>{"x", "y"});
    CHECK_THROWS_AS(q.push({"bad", 0, 1}), orchard::priority_out_of_range);
}

TEST_CASE("policies: arithmetic elements are their own priority") {
    orchard::priority_queue<int> q;
    for (int v : {5, -1, 3, 3, 0}) q.push(v);
    std::vector<int> out;
    while (!q.empty()) out.push_back(q.pop());
    CHECK(out == std::vector<int>{-1, 0, 3, 3, 5});
}

TEST_CASE("policies: enum priorities keep their declared order") {
    orchard::priority_queue<tiered> heap;
    orchard::bucket_queue<tiered, 3> buckets;
    int id = 0;
    for (tier t : {tier::scavenger, tier::interactive, tier::batch, tier::interactive}) {
        heap.push({t, id});
        buckets.push({t, id});
        ++id;
    }
    CHECK(pop_ids(heap) == std::vector<int>{1, 3, 2, 0});
    CHECK(pop_ids(buckets) == std::vector<int>{1, 3, 2, 0});
}

TEST_CASE("policies: floating-point priorities, with -0 tying +0 and NaN last") {
    orchard::priority_queue<fractional> q;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    q.push({nan, 0});
    q.push({0.0, 1});
    q.push({-inf, 2});
    q.push({-0.0, 3});
    q.push({inf, 4});
    q.push({-1.5, 5});
    q.push({1e-300, 6});
    CHECK(pop_ids(q) == std::vector<int>{2, 5, 1, 3, 6, 4, 0});
}

// ---- the order ------------------------------------------------------------------------------------

TEST_CASE("policies: higher_first and compare<std::greater<>> reverse the order, still FIFO") {
    orchard::priority_queue<tiered, orchard::higher_first> a;
    orchard::priority_queue<tiered, orchard::compare<std::greater<>>, orchard::arity<2>> b;
    orchard::bucket_queue<tiered, 3, orchard::higher_first> c;
    orchard::bucket_queue<tiered, 3, orchard::compare<std::greater<>>> d;
    int id = 0;
    for (tier t : {tier::batch, tier::scavenger, tier::batch, tier::interactive, tier::scavenger}) {
        a.push({t, id});
        b.push({t, id});
        c.push({t, id});
        d.push({t, id});
        ++id;
    }
    const std::vector<int> expected{1, 4, 0, 2, 3};
    CHECK(pop_ids(a) == expected);
    CHECK(pop_ids(b) == expected);
    CHECK(pop_ids(c) == expected);
    CHECK(pop_ids(d) == expected);
}

TEST_CASE("policies: higher_first over the whole range of a signed 64-bit priority") {
    struct big {
        std::int64_t priority;
        int id;
    };
    orchard::priority_queue<big, orchard::higher_first> q;
    q.push({0, 0});
    q.push({std::numeric_limits<std::int64_t>::min(), 1});
    q.push({std::numeric_limits<std::int64_t>::max(), 2});
    q.push({-1, 3});
    q.push({0, 4});
    CHECK(pop_ids(q) == std::vector<int>{2, 0, 4, 3, 1});
}

TEST_CASE("policies: any comparator, ties still in submission order") {
    struct signed_job {
        int priority;
        int id;
    };
    orchard::priority_queue<signed_job, orchard::compare<closer_to_zero>> q;
    q.push({-3, 0});
    q.push({2, 1});
    q.push({3, 2});
    q.push({-2, 3});
    q.push({0, 4});
    CHECK(pop_ids(q) == std::vector<int>{4, 1, 3, 0, 2});
}

TEST_CASE("policies: given in any order, they mean the same") {
    orchard::priority_queue<petition, orchard::higher_first, orchard::priority_member<&petition::urgency>,
                            orchard::arity<8>>
        a;
    orchard::priority_queue<petition, orchard::arity<8>, orchard::priority_member<&petition::urgency>,
                            orchard::higher_first>
        b;
    STATIC_REQUIRE(decltype(a)::arity == 8);
    for (unsigned u : {3u, 9u, 1u, 9u}) {
        a.push({std::to_string(u), u, 0});
        b.push({std::to_string(u), u, 0});
    }
    CHECK(pop_petitions(a) == std::vector<std::string>{"9", "9", "3", "1"});
    CHECK(pop_petitions(b) == std::vector<std::string>{"9", "9", "3", "1"});
}

TEST_CASE("policies: a priority type without a default constructor") {
    orchard::priority_queue<timed, orchard::compare<sooner>> q;
    q.push({deadline(30), 0});
    const auto h = q.push({deadline(20), 1});
    q.push({deadline(10), 2});  // ahead of everything queued
    q.push({deadline(20), 3});
    q.update(h, deadline(40));
    CHECK(pop_ids(q) == std::vector<int>{2, 3, 0, 1});
}
