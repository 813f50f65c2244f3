// The manager's named policies: its queue, its limit, its executor and its hooks, read by orchard::policy_list.
#pragma once

#include <orchard/detail/diagnostics.hpp>
#include <orchard/policy/policy_list.hpp>
#include <orchard/queue.hpp>

#include <algorithm>
#include <cstddef>
#include <thread>
#include <type_traits>

namespace orchard {

// --- queue -----------------------------------------------------------------------------------
// Petitions in a d-ary heap (orchard::priority_queue), configured by queue policies: arity<D>,
// higher_first or compare<C>. The default.
template <class... QueuePolicies>
struct manager_heap {};
// Petitions in a bucket queue (orchard::bucket_queue) for integer priorities 0..Levels-1: O(1) each.
template <std::size_t Levels, class... QueuePolicies>
struct manager_buckets {};

// --- limit: when may one more petition start ----------------------------------------------------
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
// As many running petitions as there are workers. The default.
struct no_running_limit {
    bool operator()(const manager_view&) const noexcept { return true; }
};
// Any default-constructible predicate Limit{}(const manager_view&) -> bool, evaluated under the
// manager's lock before each start. Resources that petitions hold are claimed by the hooks instead.
template <class Limit>
struct manager_limit {
    static_assert(std::is_default_constructible_v<Limit> &&
                      std::is_invocable_r_v<bool, const Limit&, const manager_view&>,
                  "orchard: manager_limit<L> needs a default-constructible predicate: bool L::operator()(const "
                  "manager_view&) const");
    using type = Limit;
};

// --- executor: how a petition's action runs (see executors.hpp) --------------------------------
template <class Executor>
struct manager_executor {
    using type = Executor;
};

// --- hooks: the user's code (see hooks.hpp) ---------------------------------------------------
template <class Hooks>
struct manager_hooks {
    using type = Hooks;
};

// Hooks that do nothing; a manager with them only needs petitions that carry no action.
struct no_hooks {};

struct thread_executor;

namespace detail {

template <class P>
struct is_manager_queue : std::false_type {};
template <class... Q>
struct is_manager_queue<manager_heap<Q...>> : std::true_type {};
template <std::size_t L, class... Q>
struct is_manager_queue<manager_buckets<L, Q...>> : std::true_type {};

template <class P, template <class> class Kind>
struct is_instance_of : std::false_type {};
template <class X, template <class> class Kind>
struct is_instance_of<Kind<X>, Kind> : std::true_type {};

template <class P>
using is_manager_limit = is_instance_of<P, manager_limit>;
template <class P>
using is_manager_executor = is_instance_of<P, manager_executor>;
template <class P>
using is_manager_hooks = is_instance_of<P, manager_hooks>;

using manager_queue_kind = policy_kind<is_manager_queue, manager_heap<>>;
using manager_limit_kind = policy_kind<is_manager_limit, manager_limit<no_running_limit>>;
using manager_executor_kind = policy_kind<is_manager_executor, manager_executor<thread_executor>>;
using manager_hooks_kind = policy_kind<is_manager_hooks, manager_hooks<no_hooks>>;

template <policy_problem Problem, class Policy>
struct manager_policy_error {
    static_assert(always_false<Policy>,
                  "orchard: manager<Petition, Policies...> takes at most one of each: manager_heap<QueuePolicies...> "
                  "or manager_buckets<Levels, QueuePolicies...>; manager_limit<L>; manager_executor<E>; "
                  "manager_hooks<H>. The policy named in this error (the last template argument of "
                  "orchard::detail::manager_policy_error) is none of them (policy_problem::not_accepted) or repeats "
                  "a kind given before it (policy_problem::repeated)");
};

template <class... Policies>
using manager_policies =
    policy_list<manager_policy_error,
                policy_kinds<manager_queue_kind, manager_limit_kind, manager_executor_kind, manager_hooks_kind>,
                Policies...>;

// The queue type a manager_heap or manager_buckets policy gives for elements T with priority key K.
template <class Choice, class T, class Key>
struct manager_queue_for;
template <class... Q, class T, class Key>
struct manager_queue_for<manager_heap<Q...>, T, Key> {
    using type = priority_queue<T, Key, Q...>;
    static constexpr std::size_t levels = 0;
};
template <std::size_t L, class... Q, class T, class Key>
struct manager_queue_for<manager_buckets<L, Q...>, T, Key> {
    using type = bucket_queue<T, L, Key, Q...>;
    static constexpr std::size_t levels = L;
};

}  // namespace detail
}  // namespace orchard
