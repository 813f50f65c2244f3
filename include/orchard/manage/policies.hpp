// The manager's named policies, Boost.Heap style: queue, limit, executor and hooks.
#pragma once

#include <orchard/queue.hpp>

#include <cstddef>
#include <thread>
#include <type_traits>

namespace orchard {

// --- queue ---------------------------------------------------------------------------------
// A d-ary heap (orchard::priority_queue) with the given queue policies (arity<D>, higher_first...).
template <class... QueuePolicies>
struct heap {
    template <class T, class Priority>
    using queue_for = orchard::priority_queue<T, Priority, QueuePolicies...>;
};
// A bucket queue for integer priorities 0..Levels-1 (orchard::bucket_queue).
template <std::size_t Levels, class... QueuePolicies>
struct bucket {
    template <class T, class Priority>
    using queue_for = orchard::bucket_queue<T, Levels, Priority, QueuePolicies...>;
};
template <class Queue>
struct queue_policy {
    using type = Queue;
};

// --- limit: when may one more petition start -------------------------------------------------
struct manager_view {
    std::size_t queued = 0;
    std::size_t running = 0;
    std::size_t workers = 0;
};

template <std::size_t N>
struct max_running {
    static_assert(N > 0, "orchard: max_running<N> needs N > 0");
    bool operator()(const manager_view& m) const noexcept { return m.running < N; }
};
// One running petition per CPU, as Orcha's example does.
struct max_running_cpus {
    bool operator()(const manager_view& m) const noexcept {
        return m.running < std::max(1u, std::thread::hardware_concurrency());
    }
};
struct unlimited {
    bool operator()(const manager_view&) const noexcept { return true; }
};
// Any default-constructible predicate Limit{}(const manager_view&) -> bool.
template <class Limit>
struct limit {
    static_assert(std::is_default_constructible_v<Limit> && std::is_invocable_r_v<bool, const Limit&, const manager_view&>,
                  "orchard: limit<L> needs a default-constructible predicate: bool L::operator()(const manager_view&)");
    using type = Limit;
};

// --- executor: how a petition's action runs ---------------------------------------------------
// In a worker thread: the hooks' run(petition, petition_context&) -> int.
struct threads {};
// As a child process: the hooks' command(petition) -> process::command, output streamed by line,
// cancelled by signalling its whole process group.
struct processes {};
template <class Executor>
struct executor {
    static_assert(std::is_same_v<Executor, threads> || std::is_same_v<Executor, processes>,
                  "orchard: executor<E> takes orchard::threads or orchard::processes");
    using type = Executor;
};

// --- hooks: the user's code -------------------------------------------------------------------
template <class Hooks>
struct hooks {
    using type = Hooks;
};

// Hooks that do nothing; a manager with them only needs petitions that carry no action.
struct no_hooks {};

}  // namespace orchard
