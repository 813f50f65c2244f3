// Randomised differential tests: each queue against a reference model over 10^5 mixed operations per seed.
#include <orchard/queue.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <random>
#include <set>
#include <string>
#include <type_traits>
#include <vector>

namespace {

template <class P>
struct item {
    P priority;
    int id;
};

// Only a copy constructor, which may throw, so no non-throwing move: bucket_queue keeps such
// elements in their slots rather than in its levels' cells.
struct copy_only_item {
    int priority;
    int id;
    copy_only_item(int p, int i) : priority(p), id(i) {}
    copy_only_item(const copy_only_item& other) : priority(other.priority), id(other.id) {}
    copy_only_item& operator=(const copy_only_item&) = default;
};
static_assert(!std::is_nothrow_move_constructible_v<copy_only_item>);

// The reference: the queue's order is std::stable_sort, by priority, of the queued items in
// submission order. An ordered set of (priority, sequence) answers the same question per operation;
// the final drain is checked against the stable sort itself.
template <class P, class Less>
class reference_model {
public:
    struct record {
        P priority;
        std::uint64_t sequence;
        int id;
    };

    void push(P p, int id) {
        const record r{p, next_sequence_++, id};
        ordered_.insert(r);
        by_id_[id] = r;
    }
    int first() const { return ordered_.begin()->id; }
    void erase(int id) {
        const auto it = by_id_.find(id);
        ordered_.erase(it->second);
        by_id_.erase(it);
    }
    void update(int id, P p) {
        record& r = by_id_[id];
        ordered_.erase(r);
        r.priority = p;
        ordered_.insert(r);
    }
    std::size_t size() const { return by_id_.size(); }
    std::vector<int> in_order() const {
        std::vector<int> ids;
        for (const record& r : ordered_) ids.push_back(r.id);
        return ids;
    }
    std::vector<int> stable_sorted() const {
        std::vector<record> v;
        for (const auto& entry : by_id_) v.push_back(entry.second);
        std::sort(v.begin(), v.end(), [](const record& a, const record& b) { return a.sequence < b.sequence; });
        std::stable_sort(v.begin(), v.end(),
                         [](const record& a, const record& b) { return Less{}(a.priority, b.priority); });
        std::vector<int> ids;
        for (const record& r : v) ids.push_back(r.id);
        return ids;
    }

private:
    struct by_order {
        bool operator()(const record& a, const record& b) const {
            if (Less{}(a.priority, b.priority)) return true;
            if (Less{}(b.priority, a.priority)) return false;
            return a.sequence < b.sequence;
        }
    };
    std::set<record, by_order> ordered_;
    std::map<int, record> by_id_;
    std::uint64_t next_sequence_ = 0;
};

struct closer_to_zero {
    bool operator()(int a, int b) const noexcept { return (a < 0 ? -a : a) < (b < 0 ? -b : b); }
};

// Runs `ops` random operations (push, pop, erase, extract, update, modify, stale-handle checks,
// iteration, drain_if) on Queue and on the model, and returns the first disagreement ("" if none).
// Levels > 0 marks a bucket queue: its iteration order is checked exactly, and some updates use a
// priority outside the levels, which must throw and change nothing.
template <class Queue, class Less, std::size_t Levels = 0, class Gen>
std::string run_differential(std::uint64_t seed, int ops, Gen priority_of) {
    using P = typename Queue::priority_type;
    using handle = typename Queue::handle_type;
    std::mt19937_64 rng(seed);
    Queue q;
    reference_model<P, Less> model;
    std::vector<handle> handles;     // by id
    std::vector<int> live;           // ids in the queue, any order
    std::vector<std::size_t> where;  // id -> index in live
    std::vector<int> dead;           // a sample of ids no longer queued
    std::string failure;
    int op = 0;
    const auto fail = [&](const std::string& what) {
        if (failure.empty())
            failure = "seed " + std::to_string(seed) + ", operation " + std::to_string(op) + ": " + what;
    };
    const auto forget = [&](int id) {
        const std::size_t i = where[static_cast<std::size_t>(id)];
        live[i] = live.back();
        where[static_cast<std::size_t>(live[i])] = i;
        live.pop_back();
        if (dead.size() < 64) dead.push_back(id);
        else dead[rng() % dead.size()] = id;
    };
    const auto random_live = [&] { return live[rng() % live.size()]; };

    std::size_t target = 0;
    for (; op < ops && failure.empty(); ++op) {
        if (op % 20000 == 0) target = (op / 20000) % 2 == 0 ? 2000 : 50;  // grow, then shrink, ...
        const unsigned r = static_cast<unsigned>(rng() % 100);
        const bool grow = model.size() < target;
        if (r < (grow ? 55u : 30u)) {
            const int id = static_cast<int>(handles.size());
            const P p = priority_of(rng);
            handles.push_back(q.push({p, id}));
            model.push(p, id);
            where.push_back(live.size());
            live.push_back(id);
        } else if (r < 75) {
            if (model.size() == 0) {
                try {
                    q.pop();
                    fail("pop on an empty queue did not throw");
                } catch (const orchard::empty_queue&) {}
                continue;
            }
            const int expected = model.first();
            if (q.top().id != expected)
                fail("top is " + std::to_string(q.top().id) + ", expected " + std::to_string(expected));
            const int got = q.pop().id;
            if (got != expected) fail("pop gave " + std::to_string(got) + ", expected " + std::to_string(expected));
            model.erase(expected);
            forget(expected);
        } else if (r < 85) {
            if (live.empty()) continue;
            const int id = random_live();
            if (r % 2 == 0) {
                q.erase(handles[static_cast<std::size_t>(id)]);
            } else if (q.extract(handles[static_cast<std::size_t>(id)]).id != id) {
                fail("extract returned another element");
            }
            model.erase(id);
            forget(id);
        } else if (r < 97) {
            if (live.empty()) continue;
            const int id = random_live();
            const handle h = handles[static_cast<std::size_t>(id)];
            if constexpr (Levels > 0) {
                if (r == 96) {
                    try {
                        q.update(h, rng() % 2 == 0 ? P(Levels) : P(-1));
                        fail("update outside the levels did not throw");
                    } catch (const orchard::priority_out_of_range&) {}
                    continue;
                }
            }
            const P p = priority_of(rng);
            if (r % 2 == 0) q.update(h, p);
            else q.modify(h, [p](auto& it) { it.priority = p; });
            model.update(id, p);
        } else {
            if (dead.empty()) continue;
            const handle h = handles[static_cast<std::size_t>(dead[rng() % dead.size()])];
            if (q.contains(h)) fail("a dead handle is still contained");
            try {
                q.erase(h);
                fail("erase of a dead handle did not throw");
            } catch (const orchard::stale_handle&) {}
        }
        if (q.size() != model.size())
            fail("size " + std::to_string(q.size()) + ", expected " + std::to_string(model.size()));

        if (op % 997 == 0) {  // listing: every element once, each iterator's handle names it
            std::vector<int> listed;
            for (auto it = q.begin(); it != q.end(); ++it) {
                listed.push_back(it->id);
                if (it.handle() != handles[static_cast<std::size_t>(it->id)]) fail("iterator handle differs");
            }
            std::vector<int> expected = model.in_order();
            if constexpr (Levels == 0) {
                std::sort(listed.begin(), listed.end());
                std::sort(expected.begin(), expected.end());
            }
            if (listed != expected) fail("iteration does not list the queued elements");
        }
        if (op % 9973 == 0) {  // drain a fifth of the elements, checked in pop order
            const int residue = op % 5;
            std::vector<int> drained;
            q.drain_if([&](const auto& it) { return it.id % 5 == residue; },
                       [&](auto&& it) { drained.push_back(it.id); });
            std::vector<int> expected;
            for (int id : model.in_order())
                if (id % 5 == residue) expected.push_back(id);
            if (drained != expected) fail("drain_if order");
            for (int id : expected) {
                model.erase(id);
                forget(id);
            }
        }
    }
    if (!failure.empty()) return failure;

    std::vector<int> drained;
    while (!q.empty()) drained.push_back(q.pop().id);
    if (drained != model.stable_sorted())
        return "seed " + std::to_string(seed) + ": final drain differs from std::stable_sort";
    if (drained.size() != model.size()) return "final size";
    return {};
}

constexpr int operations = 100'000;
constexpr std::uint64_t seeds[] = {0x5eed'0001, 0x5eed'0002, 0x5eed'0003};

// Many ties (a narrow range) mixed with the extremes of the type.
int mixed_int(std::mt19937_64& rng) {
    if (rng() % 10 < 7) return static_cast<int>(rng() % 16) - 8;
    return static_cast<int>(static_cast<std::uint32_t>(rng()));
}

}  // namespace

TEMPLATE_TEST_CASE_SIG("differential: priority_queue with int priorities, arities 2, 4 and 8", "", ((std::size_t D), D),
                       2, 4, 8) {
    using queue = orchard::priority_queue<item<int>, orchard::arity<D>>;
    for (const auto seed : seeds)
        CHECK(run_differential<queue, std::less<int>>(seed, operations, mixed_int) == std::string{});
}

TEST_CASE("differential: priority_queue with 64-bit priorities (the 128-bit key)") {
    using queue = orchard::priority_queue<item<std::uint64_t>>;
    const auto priority = [](std::mt19937_64& rng) -> std::uint64_t { return rng() % 2 == 0 ? rng() % 8 : rng(); };
    for (const auto seed : seeds)
        CHECK(run_differential<queue, std::less<std::uint64_t>>(seed, operations, priority) == std::string{});
}

TEST_CASE("differential: priority_queue, higher_first with short priorities and arity 3") {
    using queue = orchard::priority_queue<item<short>, orchard::higher_first, orchard::arity<3>>;
    const auto priority = [](std::mt19937_64& rng) { return static_cast<short>(rng() % 2 == 0 ? rng() % 8 : rng()); };
    CHECK(run_differential<queue, std::greater<short>>(seeds[0], operations, priority) == std::string{});
}

TEST_CASE("differential: priority_queue with double priorities, -0 and infinities") {
    using queue = orchard::priority_queue<item<double>>;
    const auto priority = [](std::mt19937_64& rng) {
        constexpr double values[] = {-2.5,
                                     -0.0,
                                     0.0,
                                     1.0,
                                     3.25,
                                     1e300,
                                     -std::numeric_limits<double>::infinity(),
                                     std::numeric_limits<double>::infinity()};
        return values[rng() % 8];
    };
    CHECK(run_differential<queue, std::less<double>>(seeds[1], operations, priority) == std::string{});
}

TEST_CASE("differential: priority_queue with a comparator that does not pack") {
    using queue = orchard::priority_queue<item<int>, orchard::compare<closer_to_zero>>;
    const auto priority = [](std::mt19937_64& rng) { return static_cast<int>(rng() % 13) - 6; };
    CHECK(run_differential<queue, closer_to_zero>(seeds[2], operations, priority) == std::string{});
}

TEST_CASE("differential: bucket_queue with 64 levels") {
    using queue = orchard::bucket_queue<item<int>, 64>;
    const auto priority = [](std::mt19937_64& rng) { return static_cast<int>(rng() % 64); };
    for (const auto seed : seeds)
        CHECK(run_differential<queue, std::less<int>, 64>(seed, operations, priority) == std::string{});
}

TEST_CASE("differential: bucket_queue with elements whose move may throw (kept in their slots)") {
    using queue = orchard::bucket_queue<copy_only_item, 64>;
    const auto priority = [](std::mt19937_64& rng) { return static_cast<int>(rng() % 64); };
    for (const auto seed : seeds)
        CHECK(run_differential<queue, std::less<int>, 64>(seed, operations, priority) == std::string{});
}

TEST_CASE("differential: bucket_queue with 200 levels, higher first") {
    using queue = orchard::bucket_queue<item<int>, 200, orchard::higher_first>;
    const auto priority = [](std::mt19937_64& rng) { return static_cast<int>(rng() % 200); };
    CHECK(run_differential<queue, std::greater<int>, 200>(seeds[0], operations, priority) == std::string{});
}
