// The manager end to end, against the simplest thing that could work in the same binary:
// no-op petitions vs a mutex + condition variable queue with std::thread workers; process
// petitions vs a raw posix_spawn + waitpid loop; memory per queued petition.
#include <orchard/manage.hpp>

#include <benchmark/benchmark.h>

#include <malloc.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <queue>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

extern char** environ;

namespace {

struct noop_petition {
    std::string id;
    int priority = 0;
};

struct noop_hooks {
    int run(noop_petition&, orchard::petition_context&) { return 0; }
};

// Ids are made before timing starts, as a client's would arrive already made.
std::vector<std::string> make_ids(std::size_t n) {
    std::vector<std::string> ids;
    ids.reserve(n);
    for (std::size_t i = 0; i < n; ++i) ids.push_back("petition-" + std::to_string(i));
    return ids;
}

constexpr std::size_t batch = 100'000;

template <class Manager>
void run_noop_petitions(benchmark::State& state) {
    const auto ids = make_ids(batch);
    Manager m({.max_workers = std::uint32_t(state.range(0))});
    for (auto _ : state) {
        for (std::size_t i = 0; i < batch; ++i) m.submit(noop_petition{ids[i], int(i % 16)});
        m.wait_idle();
    }
    state.SetItemsProcessed(std::int64_t(state.iterations() * batch));
    state.counters["petitions/s"] = benchmark::Counter(double(state.iterations() * batch), benchmark::Counter::kIsRate);
}

// The default queue: a 4-ary heap, which pays O(log n) per petition for arbitrary priorities.
void manager_noop_petitions_heap(benchmark::State& state) {
    run_noop_petitions<orchard::manager<noop_petition, orchard::manager_hooks<noop_hooks>>>(state);
}
BENCHMARK(manager_noop_petitions_heap)->Arg(1)->Arg(2)->UseRealTime()->Unit(benchmark::kMillisecond);

// A bucket queue for 16 priority levels: O(1) per petition.
void manager_noop_petitions_bucket(benchmark::State& state) {
    run_noop_petitions<
        orchard::manager<noop_petition, orchard::manager_buckets<16>, orchard::manager_hooks<noop_hooks>>>(state);
}
BENCHMARK(manager_noop_petitions_bucket)->Arg(1)->Arg(2)->UseRealTime()->Unit(benchmark::kMillisecond);

// The baseline: a FIFO under a mutex, workers waiting on a condition variable, a counter to know
// when all are done. No priorities, no ids, no states, no cancellation.
class plain_pool {
public:
    explicit plain_pool(int workers) {
        for (int i = 0; i < workers; ++i) threads_.emplace_back([this] { work(); });
    }
    ~plain_pool() {
        {
            std::lock_guard lock(mutex_);
            stop_ = true;
        }
        ready_.notify_all();
        for (auto& t : threads_) t.join();
    }
    void submit(std::function<void()> task) {
        std::lock_guard lock(mutex_);
        tasks_.push_back(std::move(task));
        ++pending_;
        ready_.notify_one();
    }
    void wait_idle() {
        std::unique_lock lock(mutex_);
        idle_.wait(lock, [&] { return pending_ == 0; });
    }

private:
    void work() {
        std::unique_lock lock(mutex_);
        while (true) {
            ready_.wait(lock, [&] { return stop_ || !tasks_.empty(); });
            if (tasks_.empty()) return;
            auto task = std::move(tasks_.front());
            tasks_.pop_front();
            lock.unlock();
            task();
            lock.lock();
            if (--pending_ == 0) idle_.notify_all();
        }
    }
    std::mutex mutex_;
    std::condition_variable ready_, idle_;
    std::deque<std::function<void()>> tasks_;
    std::size_t pending_ = 0;
    bool stop_ = false;
    std::vector<std::thread> threads_;
};

void baseline_mutex_condvar_pool(benchmark::State& state) {
    const auto ids = make_ids(batch);
    plain_pool pool(int(state.range(0)));
    std::atomic<std::size_t> sink{0};
    for (auto _ : state) {
        for (std::size_t i = 0; i < batch; ++i)
            pool.submit([&sink, p = noop_petition{ids[i], int(i % 16)}] { sink += p.id.size(); });
        pool.wait_idle();
    }
    state.SetItemsProcessed(std::int64_t(state.iterations() * batch));
    state.counters["petitions/s"] = benchmark::Counter(double(state.iterations() * batch), benchmark::Counter::kIsRate);
}
BENCHMARK(baseline_mutex_condvar_pool)->Arg(1)->Arg(2)->UseRealTime()->Unit(benchmark::kMillisecond);

// The floor for a manager with what this one keeps per petition: the same pool, plus an id index
// (std::unordered_map, so that a petition can be found and cancelled by id), a priority order
// (std::priority_queue, FIFO among equals by a sequence number) and a state per petition. No
// handles, no exactly-once reporting, no hooks: what any manager with cancel-by-id and priorities
// must do at least.
class indexed_pool {
public:
    explicit indexed_pool(int workers) {
        for (int i = 0; i < workers; ++i) threads_.emplace_back([this] { work(); });
    }
    ~indexed_pool() {
        {
            std::lock_guard lock(mutex_);
            stop_ = true;
        }
        ready_.notify_all();
        for (auto& t : threads_) t.join();
    }
    void submit(noop_petition p) {
        std::string id = p.id;  // the key, before the petition is moved into the entry
        std::lock_guard lock(mutex_);
        auto [it, inserted] = index_.try_emplace(std::move(id), entry{std::move(p), false});
        if (!inserted) return;
        queue_.push({it->second.petition.priority, sequence_++, &it->second});
        ++pending_;
        ready_.notify_one();
    }
    void wait_idle() {
        std::unique_lock lock(mutex_);
        idle_.wait(lock, [&] { return pending_ == 0; });
    }

private:
    struct entry {
        noop_petition petition;
        bool running;
    };
    struct queued {
        int priority;
        std::uint64_t sequence;
        entry* e;
        bool operator<(const queued& o) const {
            return priority != o.priority ? priority > o.priority : sequence > o.sequence;
        }
    };
    void work() {
        std::unique_lock lock(mutex_);
        while (true) {
            ready_.wait(lock, [&] { return stop_ || !queue_.empty(); });
            if (queue_.empty()) return;
            entry* e = queue_.top().e;
            queue_.pop();
            e->running = true;
            lock.unlock();
            sink_ += e->petition.id.size();  // the action
            lock.lock();
            index_.erase(e->petition.id);
            if (--pending_ == 0) idle_.notify_all();
        }
    }
    std::mutex mutex_;
    std::condition_variable ready_, idle_;
    std::unordered_map<std::string, entry> index_;
    std::priority_queue<queued> queue_;
    std::uint64_t sequence_ = 0;
    std::size_t pending_ = 0;
    std::size_t sink_ = 0;
    bool stop_ = false;
    std::vector<std::thread> threads_;
};

void floor_indexed_priority_pool(benchmark::State& state) {
    const auto ids = make_ids(batch);
    indexed_pool pool(int(state.range(0)));
    for (auto _ : state) {
        for (std::size_t i = 0; i < batch; ++i) pool.submit(noop_petition{ids[i], int(i % 16)});
        pool.wait_idle();
    }
    state.SetItemsProcessed(std::int64_t(state.iterations() * batch));
    state.counters["petitions/s"] = benchmark::Counter(double(state.iterations() * batch), benchmark::Counter::kIsRate);
}
BENCHMARK(floor_indexed_priority_pool)->Arg(1)->Arg(2)->UseRealTime()->Unit(benchmark::kMillisecond);

// --- claims ------------------------------------------------------------------------------------
// Two 3-GPU petitions on 4 GPUs with 2 workers, 1,000 rounds: how many rounds ran both at once.
// With a condition in can_start and the reservation in on_start (after the lock is released), two
// workers can both see 4 free GPUs; with claim/release, never.
struct gpu_petition {
    std::string id;
    int priority = 0;
    int gpus = 3;
};

std::atomic<int> gpus_running{0}, gpus_peak_in_round{0};

void note_gpus(int now) {
    for (int peak = gpus_peak_in_round; now > peak && !gpus_peak_in_round.compare_exchange_weak(peak, now);) {}
}

struct racy_gpu_hooks {
    std::atomic<int>* free_gpus;
    bool can_start(const gpu_petition& p, const orchard::manager_view&) const { return *free_gpus >= p.gpus; }
    bool on_start(gpu_petition& p) {
        *free_gpus -= p.gpus;  // too late: another worker may have seen the same free GPUs
        return true;
    }
    int run(gpu_petition& p, orchard::petition_context&) {
        note_gpus(gpus_running += p.gpus);
        std::this_thread::yield();
        gpus_running -= p.gpus;
        return 0;
    }
    void on_finish(const gpu_petition& p, const orchard::outcome&) { *free_gpus += p.gpus; }
};

struct claiming_gpu_hooks : orchard::counted_claims<&gpu_petition::gpus> {
    int run(gpu_petition& p, orchard::petition_context&) {
        note_gpus(gpus_running += p.gpus);
        std::this_thread::yield();
        gpus_running -= p.gpus;
        return 0;
    }
};

template <class Manager>
int oversubscribed_rounds(Manager& m, int rounds) {
    int over = 0;
    for (int round = 0; round < rounds; ++round) {
        gpus_peak_in_round = 0;
        m.submit(gpu_petition{"a"});
        m.submit(gpu_petition{"b"});
        m.wait_idle();
        over += gpus_peak_in_round > 4;
    }
    return over;
}

void gpu_condition_in_can_start(benchmark::State& state) {
    std::atomic<int> free_gpus{4};
    orchard::manager<gpu_petition, orchard::manager_hooks<racy_gpu_hooks>> m({.max_workers = 2},
                                                                             racy_gpu_hooks{&free_gpus});
    int over = 0;
    for (auto _ : state) over = oversubscribed_rounds(m, 1000);
    state.counters["oversubscribed rounds of 1000"] = over;
}
BENCHMARK(gpu_condition_in_can_start)->Iterations(1)->Unit(benchmark::kMillisecond);

void gpu_claim_and_release(benchmark::State& state) {
    orchard::manager<gpu_petition, orchard::manager_hooks<claiming_gpu_hooks>> m(
        {.max_workers = 2}, claiming_gpu_hooks{{orchard::counted_resource(4)}});
    int over = 0;
    for (auto _ : state) over = oversubscribed_rounds(m, 1000);
    state.counters["oversubscribed rounds of 1000"] = over;
}
BENCHMARK(gpu_claim_and_release)->Iterations(1)->Unit(benchmark::kMillisecond);

// --- processes ---------------------------------------------------------------------------------
struct true_hooks {
    orchard::process::command command(const noop_petition&) const { return {.program = "/bin/true"}; }
};

constexpr std::size_t spawns = 200;

void manager_process_petitions(benchmark::State& state) {
    const auto ids = make_ids(spawns);
    orchard::manager<noop_petition, orchard::manager_executor<orchard::process_executor>,
                     orchard::manager_hooks<true_hooks>>
        m({.max_workers = std::uint32_t(state.range(0))});
    for (auto _ : state) {
        for (std::size_t i = 0; i < spawns; ++i) m.submit(noop_petition{ids[i], 0});
        m.wait_idle();
    }
    state.counters["spawns/s"] = benchmark::Counter(double(state.iterations() * spawns), benchmark::Counter::kIsRate);
}
BENCHMARK(manager_process_petitions)->Arg(1)->Arg(2)->UseRealTime()->Unit(benchmark::kMillisecond);

// The baseline: as many threads, each spawning /bin/true and waiting for it, as fast as it can.
void baseline_posix_spawn_waitpid(benchmark::State& state) {
    const int threads = int(state.range(0));
    for (auto _ : state) {
        std::atomic<std::size_t> next{0};
        std::vector<std::thread> pool;
        for (int t = 0; t < threads; ++t) {
            pool.emplace_back([&] {
                char program[] = "/bin/true";
                char* argv[] = {program, nullptr};
                while (next++ < spawns) {
                    pid_t pid = 0;
                    if (::posix_spawn(&pid, program, nullptr, nullptr, argv, environ) != 0) std::abort();
                    int status = 0;
                    ::waitpid(pid, &status, 0);
                }
            });
        }
        for (auto& t : pool) t.join();
    }
    state.counters["spawns/s"] = benchmark::Counter(double(state.iterations() * spawns), benchmark::Counter::kIsRate);
}
BENCHMARK(baseline_posix_spawn_waitpid)->Arg(1)->Arg(2)->UseRealTime()->Unit(benchmark::kMillisecond);

// --- memory ------------------------------------------------------------------------------------
// Bytes the manager allocates per queued petition (the petition itself excluded), with 10^6 queued
// behind a blocked worker, measured with mallinfo2.
template <class Queue>
void memory_per_queued_petition(benchmark::State& state) {
    constexpr std::size_t n = 1'000'000;
    struct blocking_hooks {
        std::mutex* m;
        std::condition_variable* cv;
        bool* open;
        int run(noop_petition&, orchard::petition_context&) {
            std::unique_lock lock(*m);
            cv->wait(lock, [&] { return *open; });
            return 0;
        }
    };
    for (auto _ : state) {
        std::mutex m;
        std::condition_variable cv;
        bool open = false;
        // Ids short enough for the small-string buffer: the petitions themselves allocate nothing.
        std::vector<noop_petition> petitions;
        petitions.reserve(n);
        for (std::size_t i = 0; i < n; ++i) petitions.push_back({std::to_string(i), int(i % 16)});
        double per_petition = 0;
        {
            orchard::manager<noop_petition, Queue, orchard::manager_hooks<blocking_hooks>> mgr(
                {.max_workers = 1}, blocking_hooks{&m, &cv, &open});
            mgr.submit(noop_petition{"blocker", 0});
            // Small blocks and large (mmap'ed) ones: queue chunks and the index table are large.
            const auto in_use = [] {
                const auto info = ::mallinfo2();
                return info.uordblks + info.hblkhd;
            };
            const std::size_t before = in_use();
            mgr.reserve(n);  // counted: it is the memory the petitions use, without growth slack
            for (auto& p : petitions) mgr.submit(std::move(p));
            const std::size_t after = in_use();
            per_petition = double(after - before) / double(n) - double(sizeof(noop_petition));
            {
                std::lock_guard lock(m);
                open = true;
            }
            cv.notify_all();
            mgr.shutdown(orchard::shutdown_mode::cancel);
        }
        state.counters["bytes/petition"] = per_petition;
    }
}
BENCHMARK(memory_per_queued_petition<orchard::manager_heap<>>)->Iterations(1)->Unit(benchmark::kMillisecond);
BENCHMARK(memory_per_queued_petition<orchard::manager_buckets<64>>)->Iterations(1)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
