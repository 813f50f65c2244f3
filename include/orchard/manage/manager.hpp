// manager<Petition, Policies...>: queues petitions by priority, starts each as soon as its condition
// holds and its claim succeeds, runs its action, and brings every petition to exactly one end.
#pragma once

#include <orchard/manage/detail/node_pool.hpp>
#include <orchard/manage/detail/petition_index.hpp>
#include <orchard/manage/detail/scheduler.hpp>
#include <orchard/manage/executors.hpp>
#include <orchard/manage/hooks.hpp>
#include <orchard/manage/petition.hpp>
#include <orchard/manage/policies.hpp>
#include <orchard/params.hpp>

#include <algorithm>
#include <atomic>
#include <cassert>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <string_view>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

namespace orchard {

// The manager's options, bound like any other parameters.
struct manager_params {
    std::uint32_t max_workers = 0;                                     // 0: one per CPU
    std::chrono::milliseconds grace_period = std::chrono::seconds(5);  // SIGTERM, then SIGKILL
    std::uint32_t look_ahead = 0;        // how many petitions behind a blocked one may start first
    std::uint32_t starvation_limit = 8;  // a petition passed over this often stops all overtaking

    static constexpr field_help help[] = {
        {"max_workers", "Petitions that can run at once, one thread each (0: one per CPU)"},
        {"grace_period", "How long a cancelled process group has between SIGTERM and SIGKILL"},
        {"look_ahead", "How many petitions behind one that may not start yet may start before it"},
        {"starvation_limit", "A petition passed over this many times blocks overtaking until it runs"},
    };
};

enum class shutdown_mode {
    drain,  // run everything queued, then stop
    cancel  // cancel what is queued, stop what runs
};

// What list() reports about one petition.
struct petition_info {
    std::string id;
    petition_state state;
    long long priority;
};

namespace detail {
template <class Executor>
struct wrong_executor {
    static_assert(always_false<Executor>,
                  "orchard: manager_executor<E> takes an executor: orchard::thread_executor, "
                  "orchard::process_executor, or a type with static outcome run(Hooks&, Petition&, const "
                  "orchard::run_context&) and a checks<Hooks, Petition> member template");
};
}  // namespace detail

template <class Petition, class... Policies>
class manager {
    using policies = detail::manager_policies<Policies...>;
    using policies_reported = detail::reported<!policies::valid, typename policies::report>;

public:
    using petition_type = Petition;
    using queue_choice = typename policies::template get<detail::manager_queue_kind>;
    using limit_type = typename policies::template get<detail::manager_limit_kind>::type;
    using executor_type = typename policies::template get<detail::manager_executor_kind>::type;
    using hooks_type = typename policies::template get<detail::manager_hooks_kind>::type;
    using params_type = manager_params;

private:
    static_assert(
        requires(const Petition& p) { std::string_view(p.id); },
        "orchard: a petition needs an `id` member convertible to std::string_view (e.g. std::string id;)");
    static_assert(
        requires(const Petition& p) { static_cast<long long>(p.priority); },
        "orchard: a petition needs an integer `priority` member (lower values run first)");
    static_assert(std::is_move_constructible_v<Petition>, "orchard: a petition must be movable");

    using hook_info = hook_set<hooks_type, Petition>;
    static constexpr bool executor_fits = executor_for<executor_type, hooks_type, Petition>;
    // After a wrong policy list (already reported) the defaults stand in: nothing more is checked.
    using executor_reported =
        detail::reported<policies::valid && !executor_fits, detail::wrong_executor<executor_type>>;
    // Every hook whose signature is wrong, and every hook the executor needs but lacks, is reported.
    struct no_checks {};
    using hooks_reported = decltype(sizeof(std::conditional_t<policies::valid, hook_info, no_checks>));
    using executor_checks =
        std::conditional_t<policies::valid && executor_fits,
                           typename std::conditional_t<executor_fits, executor_type,
                                                       thread_executor>::template checks<hooks_type, Petition>,
                           no_checks>;
    using executor_checks_reported = decltype(sizeof(executor_checks));

    // A petition from submit to its end: it never moves, so the index and the queue point at it.
    struct node;
    using scheduler_type = detail::petition_scheduler<node, queue_choice>;
    struct node {
        node(Petition&& p, std::unique_ptr<petition_sink>&& s, std::uint64_t h)
            : petition(std::move(p)), sink(std::move(s)), hash(h) {}

        Petition petition;
        std::unique_ptr<petition_sink> sink;     // null when the submitter wants nothing back
        std::uint64_t hash = 0;                  // of its id
        typename scheduler_type::place place{};  // while it waits
        std::uint32_t slot = 0;                  // its worker, while it runs
        petition_state state = petition_state::enqueued;
        bool claimed = false;  // the hooks' claim succeeded: release it once
        bool cancel_requested = false;
        bool failed_to_start = false;  // a hook threw while the manager decided to start it
    };
    struct id_of {
        std::string_view operator()(const node& n) const noexcept { return std::string_view(n.petition.id); }
    };
    using index_type = detail::petition_index<node, id_of>;

    // What a worker keeps between petitions: its running one, and a stop_source that is reused until
    // a stop is requested on it (making one allocates).
    struct worker_slot {
        node* job = nullptr;
        std::stop_source stop;
        std::string reason;  // why its petition was cancelled, or what a hook threw deciding to start it
    };

    // A petition that reached its end, reported (on_finish, then the sink) outside the lock.
    struct ended {
        Petition petition;
        std::unique_ptr<petition_sink> sink;
        outcome result;
    };

public:
    explicit manager(manager_params params = {}, hooks_type hooks = {})
        : params_(std::move(params)),
          hooks_(std::move(hooks)),
          scheduler_(params_.look_ahead, params_.starvation_limit) {
        const unsigned cpus = std::max(1u, std::thread::hardware_concurrency());
        workers_count_ = params_.max_workers ? params_.max_workers : cpus;
        slots_ = std::make_unique<worker_slot[]>(workers_count_);
        workers_.reserve(workers_count_);
        for (std::size_t i = 0; i < workers_count_; ++i) workers_.emplace_back([this, i] { work(i); });
    }

    manager(const manager&) = delete;
    manager& operator=(const manager&) = delete;

    // Cancels whatever is left (as shutdown(cancel)) and waits for every petition to end.
    ~manager() { shutdown(shutdown_mode::cancel); }

    const manager_params& params() const noexcept { return params_; }
    hooks_type& hooks() noexcept { return hooks_; }

    // Queues a petition; it starts as soon as a worker is free, its condition holds and its claim
    // succeeds. Throws petition_rejected when its id is already queued or running, its priority does
    // not fit the queue, or the manager is shutting down. The sink gets its output and how it ended.
    void submit(Petition petition, petition_sink sink = {}) {
        const std::string_view id(petition.id);
        const std::uint64_t h = detail::id_hash(id);
        const long long priority = static_cast<long long>(petition.priority);
        std::unique_lock lock(mutex_);
        if (stopping_)
            throw petition_rejected("the manager is shutting down: petition \"" + std::string(id) +
                                    "\" was not accepted");
        if (const node* found = index_.find(id, h))
            throw petition_rejected("petition \"" + std::string(id) + "\" is already " +
                                    (found->state == petition_state::running ? "running" : "queued"));
        if constexpr (scheduler_type::levels > 0) {
            if (priority < 0 || priority >= static_cast<long long>(scheduler_type::levels))
                throw petition_rejected("petition \"" + std::string(id) + "\" has priority " +
                                        std::to_string(priority) + ", outside the queue's levels 0.." +
                                        std::to_string(scheduler_type::levels - 1));
        }
        std::unique_ptr<petition_sink> owned;
        if (sink.line || sink.done) owned = std::make_unique<petition_sink>(std::move(sink));
        node* n = nodes_.create(std::move(petition), std::move(owned), h);  // `id` is not used past here
        try {
            index_.insert(n, h);
        } catch (...) {
            nodes_.destroy(n);
            throw;
        }
        try {
            scheduler_.push(*n, priority);
        } catch (...) {
            index_.erase(n, h);
            nodes_.destroy(n);
            throw;
        }
        ++in_flight_;
        if (idle_ > 0) work_available_.notify_one();
    }

    // Converts a message into a petition (the hooks' convert(), or binding its extras into the
    // petition's fields) and submits it. A message that does not make a petition is never dropped:
    // invalid_message says why, with every problem.
    void submit_message(const message& m, petition_sink sink = {}) { submit(convert(m), std::move(sink)); }

    Petition convert(const message& m) {
        try {
            if constexpr (hook_info::has_convert) {
                if (auto p = hooks_.convert(m)) return std::move(*p);
                throw invalid_message(m.id, {}, "message \"" + m.id + "\" does not make a valid petition");
            } else {
                Petition p = bind<Petition>(from_map(m.extras, "petition " + m.id));
                p.id = m.id;
                return p;
            }
        } catch (const binding_error& e) {
            throw invalid_message(m.id, e.problems(), invalid_text(m.id, e.what()));
        }
    }

    // Cancels a petition: a queued one leaves the queue at once; a running one is asked to stop (its
    // process group gets SIGTERM, then SIGKILL after the grace period; an in-process action sees
    // stop_requested()). Either way it ends as cancelled and is reported once. An id that is not
    // queued or running throws unknown_petition. (Orcha calls this `finish`.)
    void cancel(std::string_view id, std::string reason = "cancelled by cancel()") {
        std::optional<ended> report;
        {
            std::lock_guard lock(mutex_);
            node* n = index_.find(id, detail::id_hash(id));
            if (!n) throw unknown_petition(id);
            if (n->state == petition_state::running) {
                request_cancel(*n, std::move(reason));
                return;
            }
            scheduler_.remove(*n);
            report =
                end_waiting(*n, outcome::ended(end_cause::cancelled_while_queued, std::nullopt, std::move(reason)));
            // What was behind it may be able to start now.
            if (idle_ > 0) work_available_.notify_one();
        }
        deliver(std::move(*report));
        std::lock_guard lock(mutex_);
        reported(1);
    }

    // Stops accepting petitions, then drains the queue or cancels everything, and waits until every
    // petition has ended and been reported. Safe to call more than once.
    void shutdown(shutdown_mode mode = shutdown_mode::drain) {
        std::vector<ended> reports;
        {
            std::lock_guard lock(mutex_);
            stopping_ = true;
            if (mode == shutdown_mode::cancel) {
                while (node* n = scheduler_.take_any())
                    reports.push_back(end_waiting(
                        *n, outcome::ended(end_cause::cancelled_while_queued, std::nullopt, "cancelled by shutdown")));
                for (std::size_t i = 0; i < workers_count_; ++i)
                    if (slots_[i].job) request_cancel(*slots_[i].job, "cancelled by shutdown");
            }
            work_available_.notify_all();
        }
        for (auto& r : reports) deliver(std::move(r));
        if (!reports.empty()) {
            std::lock_guard lock(mutex_);
            reported(reports.size());
        }
        for (auto& w : workers_)
            if (w.joinable()) w.join();
    }

    // Makes room for n queued petitions, so that queueing them allocates nothing.
    void reserve(std::size_t n) {
        std::lock_guard lock(mutex_);
        scheduler_.reserve(n);
        index_.reserve(n + workers_count_);
        nodes_.reserve(n + workers_count_);
    }

    // Blocks until no petition is queued, running, or being reported.
    void wait_idle() {
        std::unique_lock lock(mutex_);
        all_done_.wait(lock, [&] { return in_flight_ == 0; });
    }

    // Conditions that depend on the outside world may have changed: look at the queue again.
    void reevaluate() {
        std::lock_guard lock(mutex_);
        work_available_.notify_all();
    }

    // For a watchdog: takes the lock (so a deadlock, or a hook or limit stuck under it, keeps this
    // from returning) and wakes an idle worker if petitions wait, so that their conditions are asked
    // again by the worker. Calls no user code.
    manager_view heartbeat() {
        std::lock_guard lock(mutex_);
        if (idle_ > 0 && !scheduler_.empty()) work_available_.notify_one();
        return view();
    }

    manager_view status() const {
        std::lock_guard lock(mutex_);
        return view();
    }
    std::size_t queued() const {
        std::lock_guard lock(mutex_);
        return scheduler_.size();
    }
    std::size_t running() const {
        std::lock_guard lock(mutex_);
        return running_count_;
    }
    std::size_t workers() const noexcept { return workers_count_; }

    // Where a petition is: enqueued or running, or nothing once it has ended.
    std::optional<petition_state> state_of(std::string_view id) const {
        std::lock_guard lock(mutex_);
        const node* n = index_.find(id, detail::id_hash(id));
        if (!n) return std::nullopt;
        return n->state;
    }

    // Every petition queued or running (queued ones in no particular order).
    std::vector<petition_info> list() const {
        std::lock_guard lock(mutex_);
        std::vector<petition_info> out;
        scheduler_.for_each([&](const node& n) { out.push_back(info(n)); });
        for (std::size_t i = 0; i < workers_count_; ++i)
            if (slots_[i].job) out.push_back(info(*slots_[i].job));
        return out;
    }

    // Exceptions thrown by hooks, limits or sinks that could not be an outcome (on_finish, release,
    // a sink, the limit): they cannot propagate from a worker, so they are counted and the last
    // message kept, rather than lost.
    std::size_t hook_errors() const {
        std::lock_guard lock(mutex_);
        return hook_errors_;
    }
    std::string last_hook_error() const {
        std::lock_guard lock(mutex_);
        return last_hook_error_;
    }

private:
    static petition_info info(const node& n) {
        return {std::string(std::string_view(n.petition.id)), n.state, static_cast<long long>(n.petition.priority)};
    }

    static std::string invalid_text(std::string_view id, std::string_view what) {
        return "message \"" + std::string(id) + "\" does not make a valid petition: " + std::string(what);
    }

    manager_view view() const noexcept { return {scheduler_.size(), running_count_, workers_count_}; }

    // Under the lock: records an exception from user code that has no petition to end with it.
    void note_hook_error(std::string what) {
        ++hook_errors_;
        last_hook_error_ = std::move(what);
    }

    static std::string current_exception_text() {
        try {
            throw;
        } catch (const std::exception& e) {
            return e.what();
        } catch (...) {
            return "unknown exception";
        }
    }

    // Under the lock: may this petition start now? Its condition, then its claim. A hook that throws
    // starts it too, to end at once as failed with the reason.
    bool may_start(node& n, std::size_t slot) {
        try {
            if constexpr (hook_info::has_can_start)
                if (!hooks_.can_start(std::as_const(n.petition), view())) return false;
            if constexpr (hook_info::has_claim) {
                if (!hooks_.claim(std::as_const(n.petition), view())) return false;
                n.claimed = true;
            }
        } catch (...) {
            n.failed_to_start = true;  // it is the candidate picked, for this slot
            slots_[slot].reason =
                (hook_info::has_claim ? "can_start or claim threw: " : "can_start threw: ") + current_exception_text();
        }
        return true;
    }

    // Chooses the next petition to run, if any may start now, and gives it to the worker.
    node* pick(std::size_t slot) {
        if (running_count_ >= workers_count_ || scheduler_.empty()) return nullptr;
        try {
            if (!limit_type{}(view())) return nullptr;
        } catch (...) {
            note_hook_error("the limit threw: " + current_exception_text());
            return nullptr;
        }
        slots_[slot].reason.clear();
        node* n = scheduler_.pick([&](node& candidate) { return may_start(candidate, slot); });
        if (!n) return nullptr;
        worker_slot& s = slots_[slot];
        if (s.stop.stop_requested()) s.stop = std::stop_source();  // a used one cannot be reset
        assert(allowed_transition(n->state, petition_state::running));
        n->state = petition_state::running;
        n->slot = static_cast<std::uint32_t>(slot);
        s.job = n;
        ++running_count_;
        return n;
    }

    // Under the lock: a waiting petition (already out of the scheduler) reached its end.
    ended end_waiting(node& n, outcome result) {
        assert(allowed_transition(n.state, result.state));
        index_.erase(&n, n.hash);
        ended e{std::move(n.petition), std::move(n.sink), std::move(result)};
        nodes_.destroy(&n);
        return e;
    }

    void request_cancel(node& n, std::string reason) {
        if (n.cancel_requested) return;
        n.cancel_requested = true;
        slots_[n.slot].reason = std::move(reason);
        slots_[n.slot].stop.request_stop();  // the executor's stop callback signals its process group
    }

    // The worker loop: pick under the lock, run outside it, report outside it. Ending one petition
    // and picking the next happen in one critical section.
    void work(std::size_t slot) {
        std::unique_lock lock(mutex_);
        std::optional<ended> previous;
        while (true) {
            node* job = pick(slot);
            if (!job) {
                if (previous) {
                    lock.unlock();
                    deliver(std::move(*previous));
                    previous.reset();
                    lock.lock();
                    reported(1);
                    continue;
                }
                // Draining ends when nothing is left to start; what still runs has its own worker.
                if (stopping_ && scheduler_.empty()) break;
                ++idle_;
                work_available_.wait(lock);
                --idle_;
                continue;
            }
            // Another idle worker may be able to start the next one.
            if (idle_ > 0 && !scheduler_.empty()) work_available_.notify_one();
            const run_context context{job->sink.get(), &slots_[slot].stop, params_.grace_period};
            lock.unlock();
            const bool delivered = previous.has_value();
            if (delivered) {
                deliver(std::move(*previous));
                previous.reset();
            }
            outcome result = execute(*job, context);
            lock.lock();
            if (delivered) reported(1);
            finish_running(slot, std::move(result), previous);
            if (stopping_) work_available_.notify_all();  // idle workers may now leave
        }
    }

    // Outside the lock: nothing else touches the running petition but cancel, which only requests
    // a stop.
    outcome execute(node& job, const run_context& context) {
        if (job.failed_to_start) {
            std::lock_guard lock(mutex_);  // the slot's reason is written under the lock
            return outcome::ended(end_cause::failed, std::nullopt, slots_[job.slot].reason);
        }
        try {
            if constexpr (hook_info::has_on_start) {
                if constexpr (hook_info::on_start_refuses) {
                    if (!hooks_.on_start(job.petition))
                        return outcome::ended(end_cause::refused, std::nullopt, "refused by on_start");
                } else {
                    hooks_.on_start(job.petition);
                }
            }
            if constexpr (executor_fits) return executor_type::run(hooks_, job.petition, context);
            else return outcome::ended(end_cause::failed, std::nullopt, "the manager has no executor");
        } catch (...) {
            return outcome::ended(end_cause::failed, std::nullopt, current_exception_text());
        }
    }

    // Under the lock: the petition in this slot reached its end. One whose cancellation was
    // requested ends as cancelled whatever its action returned, unless it failed. What it claimed
    // is released here, before any other petition is considered.
    void finish_running(std::size_t slot, outcome result, std::optional<ended>& out) {
        node& job = *slots_[slot].job;
        if (job.cancel_requested && result.state != petition_state::failed) {
            result = outcome::ended(end_cause::cancelled_while_running, result.exit_code, slots_[slot].reason);
        }
        if constexpr (hook_info::has_claim) {
            if (job.claimed) {
                try {
                    hooks_.release(std::as_const(job.petition), std::as_const(result));
                } catch (...) {
                    note_hook_error("release of petition \"" + std::string(std::string_view(job.petition.id)) +
                                    "\" threw: " + current_exception_text());
                }
            }
        }
        slots_[slot].job = nullptr;
        --running_count_;
        out.emplace(end_waiting(job, std::move(result)));
    }

    // Outside the lock: on_finish, then the sink, exactly once per petition.
    void deliver(ended&& e) {
        auto note = [&](const char* what) {
            const std::string text = current_exception_text();
            std::lock_guard lock(mutex_);
            note_hook_error(std::string(what) + " of petition \"" + std::string(std::string_view(e.petition.id)) +
                            "\" threw: " + text);
        };
        if constexpr (hook_info::has_on_finish) {
            try {
                hooks_.on_finish(std::as_const(e.petition), std::as_const(e.result));
            } catch (...) {
                note("on_finish");
            }
        }
        try {
            if (e.sink && e.sink->done) e.sink->done(e.result);
        } catch (...) {
            note("the sink");
        }
    }

    // Under the lock: n petitions were reported; the last one wakes wait_idle(). Counted when the
    // reporter next holds the lock anyway, rather than with an atomic per petition.
    void reported(std::size_t n) {
        in_flight_ -= n;
        if (in_flight_ == 0) all_done_.notify_all();
    }

    manager_params params_;
    hooks_type hooks_;
    std::size_t workers_count_ = 0;

    mutable std::mutex mutex_;
    std::condition_variable work_available_;
    std::condition_variable all_done_;
    detail::node_pool<node> nodes_;
    scheduler_type scheduler_;
    index_type index_;
    std::unique_ptr<worker_slot[]> slots_;  // one per worker
    std::size_t running_count_ = 0;
    std::size_t in_flight_ = 0;  // submitted and not yet reported
    std::size_t idle_ = 0;       // workers waiting for work
    bool stopping_ = false;
    std::size_t hook_errors_ = 0;
    std::string last_hook_error_;

    std::vector<std::thread> workers_;
};

}  // namespace orchard
