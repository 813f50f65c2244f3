// Orchard's queues against std::priority_queue and Boost.Heap, all workloads in one binary.
//
// Names are <workload>/<priorities>/<payload bytes>B/<queue>/<N>; every benchmark reports
// items_per_second, one item being one operation:
//   push_pop_all  push N elements, then pop all N       (item: one push and its pop)
//   hold          pop the first, push one, at size N    (item: one pop and one push)
//   push_pop_front  at size N, all at level 63, push one at level 0 and pop it   (item: both)
//   erase, pop    at size N, erase K random handles / pop K times, refilled untimed (item: one);
//                 8N erases in all, so that the sweeps of stale entries and tombstones are paid
// Priorities:
//   random64  std::uint64_t. push_pop_all: uniform over all 64 bits. hold: the classic hold model,
//             start uniform in [0, 2^40), push the popped priority + uniform [0, 2^40) (stationary).
//   levels64  int in 0..63, uniform; hold pushes a fresh uniform level.
// Besides the library baselines, three hand-written queues run in the same binary (see below), and
// erase/<...>/hand_random_touch measures the least any erase of a random element costs.
// Run benchmarks/queues/report for the table of ratios.
#include <orchard/queue.hpp>

#include <benchmark/benchmark.h>

#include <boost/heap/d_ary_heap.hpp>
#include <boost/heap/fibonacci_heap.hpp>
#include <boost/heap/pairing_heap.hpp>

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <memory>
#include <new>
#include <queue>
#include <random>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace {

// ---- payloads and priorities ------------------------------------------------------------------------

template <class P, std::size_t Bytes>
struct payload {
    P priority;
    std::array<std::byte, Bytes - sizeof(P)> data;
};
static_assert(sizeof(payload<std::uint64_t, 16>) == 16 && sizeof(payload<int, 64>) == 64);

// std::priority_queue and Boost.Heap put the greatest element on top: invert for lower-first.
struct later {
    template <class T>
    bool operator()(const T& a, const T& b) const noexcept {
        return a.priority > b.priority;
    }
};

enum class priorities { random64, levels64 };

constexpr std::size_t pool_size = std::size_t{1} << 22;  // walked cyclically: no pattern to learn
constexpr std::uint64_t spread = std::uint64_t{1} << 40;

struct pools {
    std::vector<std::uint64_t> full64;   // uniform 64-bit
    std::vector<std::uint64_t> below40;  // uniform [0, 2^40)
    std::vector<int> levels;             // uniform 0..63
};

const pools& random_pools() {
    static const pools p = [] {
        pools out;
        std::mt19937_64 rng(20240601);
        out.full64.resize(pool_size);
        out.below40.resize(pool_size);
        out.levels.resize(pool_size);
        for (std::size_t i = 0; i < pool_size; ++i) {
            out.full64[i] = rng();
            out.below40[i] = rng() % spread;
            out.levels[i] = static_cast<int>(rng() % 64);
        }
        return out;
    }();
    return p;
}

// Successive priorities for one benchmark run.
template <class P>
class priority_stream {
public:
    priority_stream() : pools_(random_pools()) {}
    P uniform() noexcept {  // for push_pop_all
        if constexpr (std::is_same_v<P, int>) return pools_.levels[next()];
        else return pools_.full64[next()];
    }
    P initial() noexcept {  // to fill a hold queue
        if constexpr (std::is_same_v<P, int>) return pools_.levels[next()];
        else return pools_.below40[next()];
    }
    P after(P popped) noexcept {  // the hold model
        if constexpr (std::is_same_v<P, int>) {
            (void)popped;
            return pools_.levels[next()];
        } else {
            return popped + pools_.below40[next()];
        }
    }
    std::size_t index(std::size_t n) noexcept { return static_cast<std::size_t>(pools_.full64[next()] % n); }

private:
    std::size_t next() noexcept { return i_++ & (pool_size - 1); }
    const pools& pools_;
    std::size_t i_ = 0;
};

// ---- the queues under test, behind one small interface ---------------------------------------------

template <class T>
using std_queue = std::priority_queue<T, std::vector<T>, later>;
template <class T>
using boost_dary = boost::heap::d_ary_heap<T, boost::heap::arity<4>, boost::heap::stable<true>,
                                           boost::heap::mutable_<true>, boost::heap::compare<later>>;
template <class T>
using boost_pairing = boost::heap::pairing_heap<T, boost::heap::compare<later>>;
template <class T>
using boost_fibonacci = boost::heap::fibonacci_heap<T, boost::heap::compare<later>>;
template <class T>
using orchard_heap = orchard::priority_queue<T>;
template <class T>
using orchard_buckets = orchard::bucket_queue<T, 64>;

// ---- hand-written baselines ---------------------------------------------------------------------------
// Plain code with the semantics a goal is about, without what Orchard's queues add: no erase, no
// policies, and (but for the last) no handles. The level FIFOs are the floor for bucket_queue; the
// FIFOs with handles show how much of the gap handles alone cost.

// A 4-ary min-heap of the elements themselves: not stable, no handles. The root sits at index 3 of
// a 64-byte-aligned array, so the four children of p (4p - 8 .. 4p - 5) share one cache line when
// T is 16 bytes, and pop is Floyd's, as std::pop_heap's: the hole walks down to a leaf, then the
// last element sifts up from there. That is the plain well-known recipe, without the prefetching
// of orchard::priority_queue. (T must be trivially copyable.)
template <class T>
class hand_4ary_heap {
    static_assert(std::is_trivially_copyable_v<T>);
    static constexpr std::size_t root = 3;
    static constexpr std::align_val_t line{64};

public:
    using value_type = T;
    hand_4ary_heap() = default;
    hand_4ary_heap(hand_4ary_heap&& other) noexcept
        : a_(std::exchange(other.a_, nullptr)),
          end_(std::exchange(other.end_, root)),
          capacity_(std::exchange(other.capacity_, 0)) {}
    hand_4ary_heap& operator=(hand_4ary_heap&&) = delete;
    ~hand_4ary_heap() { ::operator delete(a_, line); }

    void reserve(std::size_t n) {
        if (root + n > capacity_) grow(root + n);
    }
    void push(const T& x) {
        if (end_ >= capacity_) grow(2 * capacity_ + 16);
        sift_up(end_++, x);
    }
    T pop() {
        const T top = a_[root];
        const T x = a_[--end_];
        if (end_ == root) return top;
        std::size_t h = root;
        for (std::size_t c; (c = 4 * h - 8) < end_; h = c) {
            if (c + 4 <= end_) {  // a tournament of comparisons, not branches: which child wins is a coin toss
                const std::size_t l = c + static_cast<std::size_t>(a_[c + 1].priority < a_[c].priority);
                const std::size_t r = c + 2 + static_cast<std::size_t>(a_[c + 3].priority < a_[c + 2].priority);
                c = a_[r].priority < a_[l].priority ? r : l;
            } else {
                for (std::size_t i = c + 1; i < end_; ++i)
                    if (a_[i].priority < a_[c].priority) c = i;
            }
            a_[h] = a_[c];
        }
        sift_up(h, x);
        return top;
    }

private:
    void sift_up(std::size_t h, const T& x) noexcept {
        while (h > root && x.priority < a_[h / 4 + 2].priority) {
            a_[h] = a_[h / 4 + 2];
            h = h / 4 + 2;
        }
        a_[h] = x;
    }
    void grow(std::size_t capacity) {
        auto* fresh = static_cast<T*>(::operator new(capacity * sizeof(T), line));
        if (a_ != nullptr) std::memcpy(static_cast<void*>(fresh), a_, end_ * sizeof(T));
        ::operator delete(a_, line);
        a_ = fresh;
        capacity_ = capacity;
    }
    T* a_ = nullptr;
    std::size_t end_ = root;  // [root, end_) in use
    std::size_t capacity_ = 0;
};

// One FIFO per level 0..63, in blocks of 256 elements from a shared pool, and a bitmap of the
// non-empty levels: stable (the floor for bucket_queue), but no handles and no erase.
template <class T>
class hand_level_fifos {
    static constexpr std::size_t block_size = 256;
    struct block {
        std::array<T, block_size> cells;
        block* next = nullptr;
    };
    struct fifo {
        block* head = nullptr;
        block* tail = nullptr;
        std::size_t front = 0;  // in head
        std::size_t back = 0;   // in tail
    };

public:
    using value_type = T;
    void push(const T& x) {
        const auto level = static_cast<std::size_t>(x.priority);
        fifo& f = levels_[level];
        if (f.tail == nullptr) {
            f.head = f.tail = fresh();
        } else if (f.back == block_size) {
            f.tail->next = fresh();
            f.tail = f.tail->next;
            f.back = 0;
        }
        f.tail->cells[f.back++] = x;
        bits_ |= std::uint64_t{1} << level;
    }
    T pop() {
        const auto level = static_cast<std::size_t>(std::countr_zero(bits_));
        fifo& f = levels_[level];
        const T x = f.head->cells[f.front++];
        if (f.head == f.tail && f.front == f.back) {
            pool_.push_back(f.head);
            f = fifo{};
            bits_ &= ~(std::uint64_t{1} << level);
        } else if (f.front == block_size) {
            pool_.push_back(f.head);
            f.head = f.head->next;
            f.front = 0;
        }
        return x;
    }

private:
    block* fresh() {
        if (pool_.empty()) {
            owned_.push_back(std::make_unique<block>());
            return owned_.back().get();
        }
        block* b = pool_.back();
        pool_.pop_back();
        b->next = nullptr;
        return b;
    }
    std::array<fifo, 64> levels_{};
    std::uint64_t bits_ = 0;
    std::vector<block*> pool_;  // emptied blocks, reused before allocating
    std::vector<std::unique_ptr<block>> owned_;
};

// The level FIFOs with what a handle needs and nothing else: an element's handle names a 16-byte
// table entry (generation, level, position) that push writes and pop invalidates, and each cell
// carries its element's slot and generation. The elements sit inline in their level's blocks, so a
// pop reads them in order; its one random access is the popped element's table entry, prefetched
// 16 pops ahead. No erase, no update, no sweeps: this is the least handles add to a hold step when
// elements are stored in their levels and the handle table is as small as it can usefully be.
template <class T>
class hand_handle_fifos {
    static constexpr std::size_t block_size = 256;
    static constexpr std::uint64_t prefetch_distance = 16;
    struct cell {
        T value;
        std::uint32_t slot;
        std::uint32_t generation;
    };
    struct block {
        std::array<cell, block_size> cells;
    };
    struct entry {
        std::uint32_t generation;  // of the element that holds (or held) this slot
        std::uint32_t level;
        std::uint64_t position;
    };
    static_assert(sizeof(entry) == 16);
    // Position p of a level lives in blocks[(p / block_size) % blocks.size()] (a ring of blocks).
    struct fifo {
        std::vector<block*> blocks;
        std::uint64_t head = 0;
        std::uint64_t tail = 0;
        cell& at(std::uint64_t p) noexcept {
            return blocks[(p / block_size) & (blocks.size() - 1)]->cells[p % block_size];
        }
    };

public:
    using value_type = T;
    struct handle {
        std::uint32_t slot;
        std::uint32_t generation;
    };

    void reserve(std::size_t n) {
        entries_.reserve(n);
        free_.reserve(n);
    }
    handle push(const T& x) {
        const auto level = static_cast<std::uint32_t>(x.priority);
        fifo& f = levels_[level];
        if (f.tail % block_size == 0) add_block(f);
        std::uint32_t s;
        std::uint32_t g;
        if (free_.empty()) {
            s = static_cast<std::uint32_t>(entries_.size());
            g = 0;
            entries_.push_back({});
        } else {
            s = free_.back().slot;
            g = free_.back().generation;
            free_.pop_back();
        }
        entries_[s] = entry{g, level, f.tail};
        f.at(f.tail++) = cell{x, s, g};
        bits_ |= std::uint64_t{1} << level;
        return {s, g};
    }
    T pop() {
        const auto level = static_cast<std::size_t>(std::countr_zero(bits_));
        fifo& f = levels_[level];
        if (f.tail - f.head > prefetch_distance)
            __builtin_prefetch(&entries_[f.at(f.head + prefetch_distance).slot], 1);
        const cell& c = f.at(f.head);
        const T x = c.value;
        entries_[c.slot].generation = c.generation + 1;  // the handle is stale from now on
        free_.push_back({c.slot, c.generation + 1});
        if (++f.head % block_size == 0) pool_.push_back(f.blocks[((f.head - 1) / block_size) & (f.blocks.size() - 1)]);
        if (f.head == f.tail) bits_ &= ~(std::uint64_t{1} << level);
        return x;
    }

private:
    // The tail has reached a block boundary: give it a block, from the pool when one is free.
    void add_block(fifo& f) {
        const std::uint64_t in_use = f.tail / block_size - f.head / block_size;  // blocks still read
        if (in_use + 1 > f.blocks.size()) {
            std::vector<block*> bigger(std::max<std::size_t>(8, 2 * f.blocks.size()));
            for (std::uint64_t b = f.head / block_size; b < f.tail / block_size; ++b)
                bigger[b & (bigger.size() - 1)] = f.blocks[b & (f.blocks.size() - 1)];
            f.blocks.swap(bigger);
        }
        block* fresh;
        if (pool_.empty()) {
            owned_.push_back(std::make_unique<block>());
            fresh = owned_.back().get();
        } else {
            fresh = pool_.back();
            pool_.pop_back();
        }
        f.blocks[(f.tail / block_size) & (f.blocks.size() - 1)] = fresh;
    }

    std::array<fifo, 64> levels_{};
    std::uint64_t bits_ = 0;
    std::vector<entry> entries_;
    std::vector<handle> free_;  // free slots with the generation their next element gets
    std::vector<block*> pool_;
    std::vector<std::unique_ptr<block>> owned_;
};

template <class Q>
Q make_queue(std::size_t n) {
    if constexpr (requires { typename Q::container_type; }) {  // std::priority_queue
        typename Q::container_type storage;
        storage.reserve(n);
        return Q(later{}, std::move(storage));
    } else {
        Q q;
        if constexpr (requires { q.reserve(n); }) q.reserve(n);
        return q;
    }
}

template <class Q>
typename Q::value_type take(Q& q) {
    if constexpr (std::is_void_v<decltype(q.pop())>) {
        typename Q::value_type v = q.top();
        q.pop();
        return v;
    } else {
        return q.pop();
    }
}

// ---- workloads ------------------------------------------------------------------------------------------

// Set from the command line: a smoke run (--benchmark_min_time=0, as registered by CTest) only
// checks that every benchmark runs, with small sizes.
bool smoke = false;

template <class Q>
void push_pop_all(benchmark::State& state, std::size_t n) {
    using T = typename Q::value_type;
    using P = decltype(T::priority);
    priority_stream<P> prio;
    Q q = make_queue<Q>(n);
    std::uint64_t checksum = 0;
    for (auto _ : state) {
        for (std::size_t i = 0; i < n; ++i) q.push(T{prio.uniform(), {}});
        for (std::size_t i = 0; i < n; ++i) checksum += static_cast<std::uint64_t>(take(q).priority);
    }
    benchmark::DoNotOptimize(checksum);
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n));
}

template <class Q>
void hold(benchmark::State& state, std::size_t n) {
    using T = typename Q::value_type;
    using P = decltype(T::priority);
    priority_stream<P> prio;
    Q q = make_queue<Q>(n);
    for (std::size_t i = 0; i < n; ++i) q.push(T{prio.initial(), {}});
    const auto step = [&] {
        T v = take(q);
        v.priority = prio.after(v.priority);
        q.push(v);
    };
    for (std::size_t i = 0; i < n; ++i) step();  // reach the steady state before timing
    for (auto _ : state) step();
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

// At size N, all at the last level, push one element at level 0 and pop it: the pops of the hold
// model that take a just-pushed element, where nothing misses the cache and only the length of
// the work (the chain of dependent loads, the handle bookkeeping) counts.
template <class Q>
void push_pop_front(benchmark::State& state, std::size_t n) {
    using T = typename Q::value_type;
    Q q = make_queue<Q>(n + 1);
    for (std::size_t i = 0; i < n; ++i) q.push(T{63, {}});
    for (auto _ : state) {
        q.push(T{0, {}});
        benchmark::DoNotOptimize(take(q));
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

// The levels64 hold model without a queue: counts per level, fed the same priorities as hold.
// It reports, as the counter `ahead`, the share of the timed steps' pushes that land ahead of
// everything queued (below the lowest non-empty level) and so are popped at the next step: the
// pushes priority_queue keeps beside its heap. Its time means nothing.
void hold_ahead(benchmark::State& state, std::size_t n) {
    priority_stream<int> prio;
    std::array<std::size_t, 64> count{};
    std::uint64_t nonempty = 0;  // bit l: count[l] != 0
    const auto add = [&](int level) {
        const auto l = static_cast<std::size_t>(level);
        ++count[l];
        nonempty |= std::uint64_t{1} << l;
    };
    for (std::size_t i = 0; i < n; ++i) add(prio.initial());
    bool pending = false;  // the last push landed ahead of everything and is popped next
    std::size_t ahead = 0;
    const auto step = [&] {
        if (pending) {
            pending = false;
        } else {
            const auto l = static_cast<std::size_t>(std::countr_zero(nonempty));
            if (--count[l] == 0) nonempty &= ~(std::uint64_t{1} << l);
        }
        const int level = prio.after(0);
        pending = nonempty == 0 || std::cmp_less(level, std::countr_zero(nonempty));
        if (!pending) add(level);
        return pending;
    };
    for (std::size_t i = 0; i < n; ++i) step();  // the warm-up steps of hold
    for (auto _ : state) ahead += step() ? 1 : 0;
    state.counters["ahead"] = static_cast<double>(ahead) / static_cast<double>(state.iterations());
}

// K erases of random queued elements (erase) or K pops (pop) per iteration, at size ~N. The
// refill between iterations is not timed.
template <class Q>
void erase_or_pop(benchmark::State& state, std::size_t n, std::size_t k, bool erase) {
    using T = typename Q::value_type;
    using P = decltype(T::priority);
    using handle = decltype(std::declval<Q&>().push(std::declval<T>()));
    priority_stream<P> prio;
    Q q = make_queue<Q>(n);
    std::vector<handle> live;
    std::vector<handle> victims(k);
    live.reserve(n);
    for (auto _ : state) {
        state.PauseTiming();
        if (erase) {
            while (live.size() < n) live.push_back(q.push(T{prio.initial(), {}}));
            for (auto& v : victims) {
                const std::size_t i = prio.index(live.size());
                v = live[i];
                live[i] = live.back();
                live.pop_back();
            }
        } else {
            while (q.size() < n) q.push(T{prio.initial(), {}});
        }
        state.ResumeTiming();
        if (erase) {
            for (const auto& v : victims) q.erase(v);
        } else {
            for (std::size_t i = 0; i < k; ++i) benchmark::DoNotOptimize(take(q));
        }
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * k));
}

// The least an erase of a random element costs: K independent reads and writes of random elements
// of an array of N (the element must at least be found and destroyed). Item: one element.
template <class T>
void random_touch(benchmark::State& state, std::size_t n, std::size_t k) {
    priority_stream<decltype(T::priority)> prio;
    std::vector<T> elements(n);
    std::vector<std::size_t> victims(k);
    for (auto _ : state) {
        state.PauseTiming();
        for (auto& v : victims) v = prio.index(n);
        state.ResumeTiming();
        for (const std::size_t v : victims)
            elements[v].priority = static_cast<decltype(T::priority)>(elements[v].priority + 1);
    }
    benchmark::DoNotOptimize(elements.data());
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * k));
}

// ---- registration ----------------------------------------------------------------------------------------

std::string label(const char* workload, priorities kind, std::size_t bytes, const char* queue, std::size_t n) {
    return std::string(workload) + (kind == priorities::random64 ? "/random64/" : "/levels64/") +
           std::to_string(bytes) + "B/" + queue + "/" + std::to_string(n);
}

template <class P, std::size_t Bytes, template <class> class Queue>
void register_queue(priorities kind, const char* name) {
    using Q = Queue<payload<P, Bytes>>;
    for (std::size_t n : {std::size_t{1'000}, std::size_t{100'000}, std::size_t{1'000'000}}) {
        if (smoke && n > 1'000) continue;
        // About 4M elements per push_pop_all measurement and 2M hold steps: a fixed count, so every
        // queue sees the same priority sequence and the set-up runs once.
        const auto rounds = static_cast<benchmark::IterationCount>(smoke ? 1 : std::max<std::size_t>(1, 4'000'000 / n));
        benchmark::RegisterBenchmark(label("push_pop_all", kind, Bytes, name, n).c_str(),
                                     [n](benchmark::State& s) { push_pop_all<Q>(s, n); })
            ->Iterations(rounds)
            ->Unit(benchmark::kMillisecond);
        benchmark::RegisterBenchmark(label("hold", kind, Bytes, name, n).c_str(), [n](benchmark::State& s) {
            hold<Q>(s, n);
        })->Iterations(smoke ? 1'000 : 2'000'000);
    }
}

template <class P, std::size_t Bytes, template <class> class Queue>
void register_erase(priorities kind, const char* name) {
    using Q = Queue<payload<P, Bytes>>;
    const std::size_t n = smoke ? 1'000 : 1'000'000;
    const std::size_t k = smoke ? 100 : 10'000;
    // 8N erases in all: erase also pays for the sweeps of the stale entries or tombstones it
    // leaves, which run about once per N (priority_queue) or 3N (bucket_queue) erases.
    const auto rounds = static_cast<benchmark::IterationCount>(smoke ? 2 : 8 * n / k);
    benchmark::RegisterBenchmark(label("erase", kind, Bytes, name, n).c_str(), [n, k](benchmark::State& s) {
        erase_or_pop<Q>(s, n, k, true);
    })->Iterations(rounds);
    benchmark::RegisterBenchmark(label("pop", kind, Bytes, name, n).c_str(), [n, k](benchmark::State& s) {
        erase_or_pop<Q>(s, n, k, false);
    })->Iterations(rounds);
}

template <std::size_t Bytes>
void register_payload() {
    register_queue<std::uint64_t, Bytes, orchard_heap>(priorities::random64, "orchard_priority_queue");
    register_queue<std::uint64_t, Bytes, std_queue>(priorities::random64, "std_priority_queue");
    register_queue<std::uint64_t, Bytes, boost_dary>(priorities::random64, "boost_d_ary_heap");
    register_queue<std::uint64_t, Bytes, boost_pairing>(priorities::random64, "boost_pairing_heap");
    register_queue<std::uint64_t, Bytes, boost_fibonacci>(priorities::random64, "boost_fibonacci_heap");

    register_queue<int, Bytes, orchard_heap>(priorities::levels64, "orchard_priority_queue");
    register_queue<int, Bytes, orchard_buckets>(priorities::levels64, "orchard_bucket_queue");
    register_queue<int, Bytes, std_queue>(priorities::levels64, "std_priority_queue");
    register_queue<int, Bytes, boost_dary>(priorities::levels64, "boost_d_ary_heap");
    register_queue<int, Bytes, boost_pairing>(priorities::levels64, "boost_pairing_heap");
    register_queue<int, Bytes, boost_fibonacci>(priorities::levels64, "boost_fibonacci_heap");

    register_erase<std::uint64_t, Bytes, orchard_heap>(priorities::random64, "orchard_priority_queue");
    register_erase<std::uint64_t, Bytes, boost_dary>(priorities::random64, "boost_d_ary_heap");
    register_erase<int, Bytes, orchard_heap>(priorities::levels64, "orchard_priority_queue");
    register_erase<int, Bytes, orchard_buckets>(priorities::levels64, "orchard_bucket_queue");
    register_erase<int, Bytes, boost_dary>(priorities::levels64, "boost_d_ary_heap");

    register_queue<std::uint64_t, Bytes, hand_4ary_heap>(priorities::random64, "hand_4ary_heap");
    register_queue<int, Bytes, hand_4ary_heap>(priorities::levels64, "hand_4ary_heap");
    register_queue<int, Bytes, hand_level_fifos>(priorities::levels64, "hand_level_fifos");
    register_queue<int, Bytes, hand_handle_fifos>(priorities::levels64, "hand_handle_fifos");
    {
        const std::size_t n = smoke ? 1'000 : 1'000'000;
        const auto steps = static_cast<benchmark::IterationCount>(smoke ? 1'000 : 10'000'000);
        benchmark::RegisterBenchmark(
            label("push_pop_front", priorities::levels64, Bytes, "orchard_bucket_queue", n).c_str(),
            [n](benchmark::State& s) { push_pop_front<orchard_buckets<payload<int, Bytes>>>(s, n); })
            ->Iterations(steps);
        benchmark::RegisterBenchmark(
            label("push_pop_front", priorities::levels64, Bytes, "hand_level_fifos", n).c_str(),
            [n](benchmark::State& s) { push_pop_front<hand_level_fifos<payload<int, Bytes>>>(s, n); })
            ->Iterations(steps);
        benchmark::RegisterBenchmark(
            label("push_pop_front", priorities::levels64, Bytes, "orchard_priority_queue", n).c_str(),
            [n](benchmark::State& s) { push_pop_front<orchard_heap<payload<int, Bytes>>>(s, n); })
            ->Iterations(steps);
        benchmark::RegisterBenchmark(
            label("push_pop_front", priorities::levels64, Bytes, "std_priority_queue", n).c_str(),
            [n](benchmark::State& s) { push_pop_front<std_queue<payload<int, Bytes>>>(s, n); })
            ->Iterations(steps);
    }
    if constexpr (Bytes == 16) {  // the model has no payload: once
        for (std::size_t n : {std::size_t{1'000}, std::size_t{100'000}, std::size_t{1'000'000}}) {
            if (smoke && n > 1'000) continue;
            benchmark::RegisterBenchmark(label("hold_ahead", priorities::levels64, Bytes, "model", n).c_str(),
                                         [n](benchmark::State& s) { hold_ahead(s, n); })
                ->Iterations(smoke ? 1'000 : 2'000'000);
        }
    }
    {
        using T = payload<int, Bytes>;
        const std::size_t n = smoke ? 1'000 : 1'000'000;
        const std::size_t k = smoke ? 100 : 10'000;
        benchmark::RegisterBenchmark(label("erase", priorities::levels64, Bytes, "hand_random_touch", n).c_str(),
                                     [n, k](benchmark::State& s) { random_touch<T>(s, n, k); })
            ->Iterations(smoke ? 2 : 100);
    }
}

}  // namespace

int main(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        const char* flag = "--benchmark_min_time=";
        if (std::strncmp(argv[i], flag, std::strlen(flag)) == 0 &&
            std::strtod(argv[i] + std::strlen(flag), nullptr) == 0.0)
            smoke = true;
    }
    register_payload<16>();
    register_payload<64>();
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
