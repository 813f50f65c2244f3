// manager<Petition, Policies...>: queues petitions by priority, starts each as soon as its condition
// holds, runs its action, and brings every petition to exactly one end, with on_finish called once.
#pragma once

#include <orchard/manage/detail/petition_index.hpp>
#include <orchard/manage/petition.hpp>
#include <orchard/manage/policies.hpp>
#include <orchard/manage/sd_notify.hpp>
#include <orchard/params.hpp>
#include <orchard/process.hpp>
#include <orchard/queue.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
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
    std::uint32_t max_workers = 0;                                      // 0: one per CPU
    std::chrono::milliseconds grace_period = std::chrono::seconds(5);   // SIGTERM, then SIGKILL
    std::uint32_t look_ahead = 0;        // how many petitions behind a blocked one may start first
    std::uint32_t starvation_limit = 8;  // a petition passed over this often stops all overtaking
    bool notify_systemd = true;          // speak sd_notify when $NOTIFY_SOCKET is set
    bool notify_ready = true;            // send READY=1 once the workers run (a server may do it later)
    std::chrono::milliseconds status_interval = std::chrono::seconds(5);  // STATUS= without a watchdog

    static constexpr field_help help[] = {
        {"max_workers", "Petitions that can run at once, one thread each (0: one per CPU)"},
        {"grace_period", "How long a cancelled process group has between SIGTERM and SIGKILL"},
        {"look_ahead", "How many petitions behind one whose condition fails may start before it"},
        {"starvation_limit", "A petition passed over this many times blocks overtaking until it runs"},
        {"notify_systemd", "Send READY/STATUS/WATCHDOG/STOPPING to $NOTIFY_SOCKET when set"},
        {"notify_ready", "Send READY=1 when the workers run"},
        {"status_interval", "How often STATUS= is sent when systemd asks for no watchdog"},
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

template <class Policy, template <class> class Kind>
struct is_kind : std::false_type {};
template <class X, template <class> class Kind>
struct is_kind<Kind<X>, Kind> : std::true_type {};

template <template <class> class Kind, class Default, class... Policies>
struct manager_policy {
    using type = Default;
};
template <template <class> class Kind, class Default, class First, class... Rest>
struct manager_policy<Kind, Default, First, Rest...> {
    using type = std::conditional_t<is_kind<First, Kind>::value, typename First::type,
                                    typename manager_policy<Kind, Default, Rest...>::type>;
};

template <class Policy>
inline constexpr bool is_manager_policy = is_kind<Policy, queue_policy>::value || is_kind<Policy, limit>::value ||
                                          is_kind<Policy, executor>::value || is_kind<Policy, hooks>::value;

template <template <class> class Kind, class... Policies>
inline constexpr std::size_t count_kind = (std::size_t(is_kind<Policies, Kind>::value) + ... + 0);

// Queue policies given to heap<...> that reverse the order (higher priority values first).
template <class Queue>
inline constexpr bool higher_first_queue = false;
template <class... Q>
inline constexpr bool higher_first_queue<heap<Q...>> = (std::is_same_v<Q, higher_first> || ...);
template <std::size_t L, class... Q>
inline constexpr bool higher_first_queue<bucket<L, Q...>> = (std::is_same_v<Q, higher_first> || ...);

// The levels of a bucket queue policy, 0 for a heap.
template <class Queue>
inline constexpr std::size_t bucket_levels = 0;
template <std::size_t L, class... Q>
inline constexpr std::size_t bucket_levels<bucket<L, Q...>> = L;

}  // namespace detail

template <class Petition, class... Policies>
class manager {
    static_assert((detail::is_manager_policy<Policies> && ...),
                  "orchard: manager<Petition, Policies...> accepts queue_policy<heap<...>> or "
                  "queue_policy<bucket<N>>, limit<L> (max_running<N>, max_running_cpus, unlimited, or a "
                  "predicate), executor<threads> or executor<processes>, and hooks<H>");
    static_assert(detail::count_kind<queue_policy, Policies...> <= 1 && detail::count_kind<limit, Policies...> <= 1 &&
                      detail::count_kind<executor, Policies...> <= 1 && detail::count_kind<hooks, Policies...> <= 1,
                  "orchard: each kind of manager policy (queue_policy, limit, executor, hooks) may be given once");
    static_assert(requires(const Petition& p) { std::string_view(p.id); },
                  "orchard: a petition needs an `id` member convertible to std::string_view (e.g. std::string id;)");
    static_assert(requires(const Petition& p) { static_cast<long long>(p.priority); },
                  "orchard: a petition needs an integer `priority` member (lower values run first)");
    static_assert(std::is_move_constructible_v<Petition>, "orchard: a petition must be movable");

public:
    using petition_type = Petition;
    using queue_choice = typename detail::manager_policy<queue_policy, heap<>, Policies...>::type;
    using limit_type = typename detail::manager_policy<limit, unlimited, Policies...>::type;
    using executor_type = typename detail::manager_policy<executor, threads, Policies...>::type;
    using hooks_type = typename detail::manager_policy<hooks, no_hooks, Policies...>::type;
    using params_type = manager_params;

private:
    template <class W>
    struct priority_reader;
    template <class W>
    using queue_type_of = typename queue_choice::template queue_for<W, priority_key<priority_reader<W>>>;
    template <class W>
    struct priority_reader {
        long long operator()(const W& w) const noexcept { return static_cast<long long>(w.petition.priority); }
    };
    static constexpr bool uses_processes = std::is_same_v<executor_type, processes>;
    static_assert(uses_processes ||
                      requires(hooks_type& h, Petition& p, petition_context& c) { { h.run(p, c) } -> std::convertible_to<int>; },
                  "orchard: a manager with executor<threads> runs `int run(Petition&, orchard::petition_context&)` "
                  "of its hooks; give the hooks that member, or use executor<processes>");
    static_assert(!uses_processes ||
                      requires(hooks_type& h, const Petition& p) { { h.command(p) } -> std::convertible_to<process::command>; },
                  "orchard: a manager with executor<processes> runs the `process::command command(const Petition&)` "
                  "of its hooks; give the hooks that member");

    // A petition while it waits: in the queue, or held aside after being looked past.
    struct waiting {
        Petition petition;
        std::unique_ptr<petition_sink> sink;  // null when the submitter wants nothing back
        mutable queue_handle<queue_type_of<waiting>> self{};  // its handle, while queued
    };
    // A petition looked past and held aside. Only held petitions are ever passed over: whatever
    // starts ahead of a petition was behind it, so it had been held aside first.
    struct held_petition {
        std::unique_ptr<waiting> petition;
        std::uint32_t passed_over = 0;
    };
    using priority_of = priority_reader<waiting>;
    using queue_type = queue_type_of<waiting>;
    static constexpr bool higher_first_order = detail::higher_first_queue<queue_choice>;

    // A running petition lives in its worker's slot: no allocation, a stable address.
    struct running_petition {
        running_petition(Petition&& p, std::unique_ptr<petition_sink>&& s, std::uint64_t h)
            : petition(std::move(p)), sink(std::move(s)), hash(h) {}
        Petition petition;
        std::unique_ptr<petition_sink> sink;
        std::uint64_t hash = 0;                   // of its id, for the index
        std::stop_source* stop = nullptr;         // the thread executor's cancellation (the slot's)
        process::child* child = nullptr;          // the process executor's, while it runs (under mutex_)
        bool cancel_requested = false;
        std::string cancel_reason;
    };
    // What a worker keeps between petitions: its running one, and a stop_source that is reused
    // until a stop is requested on it (making one allocates).
    struct worker_slot {
        std::optional<running_petition> job;
        std::stop_source stop;
    };

    // The index's words point at the petition where it is; the low bits say where that is.
    enum tag : std::uint64_t { in_queue = 0, in_held = 1, in_slot = 2 };
    struct id_of {
        std::string_view operator()(std::uint64_t value) const noexcept {
            const std::uint64_t address = value & ~std::uint64_t(7);
            if ((value & 7) == in_slot) return std::string_view(reinterpret_cast<const running_petition*>(address)->petition.id);
            return std::string_view(reinterpret_cast<const waiting*>(address)->petition.id);
        }
    };
    using index_type = detail::petition_index<id_of>;
    static std::uint64_t word(const void* p, tag t) noexcept { return reinterpret_cast<std::uintptr_t>(p) | t; }

    // A petition that reached its end, reported (on_finish, then the sink) outside the lock.
    struct ended {
        Petition petition;
        std::unique_ptr<petition_sink> sink;
        outcome result;
    };

public:
    explicit manager(manager_params params = {}, hooks_type hooks = {})
        : params_(std::move(params)), hooks_(std::move(hooks)) {
        const unsigned cpus = std::max(1u, std::thread::hardware_concurrency());
        workers_count_ = params_.max_workers ? params_.max_workers : cpus;
        slots_ = std::make_unique<worker_slot[]>(workers_count_);
        if (params_.notify_systemd) notifier_ = sd_notifier::from_environment();
        workers_.reserve(workers_count_);
        for (std::size_t i = 0; i < workers_count_; ++i) workers_.emplace_back([this, i] { work(i); });
        if (notifier_.enabled()) {
            watchdog_ = sd_notifier::watchdog_interval();
            if (params_.notify_ready) notifier_.notify("READY=1\nSTATUS=" + status_text());
            notifier_thread_ = std::thread([this] { notify_periodically(); });
        }
    }

    manager(const manager&) = delete;
    manager& operator=(const manager&) = delete;

    // Cancels whatever is left (as shutdown(cancel)) and waits for every petition to end.
    ~manager() { shutdown(shutdown_mode::cancel); }

    const manager_params& params() const noexcept { return params_; }
    hooks_type& hooks() noexcept { return hooks_; }

    // Queues a petition; it starts as soon as a worker is free and its conditions hold. Throws
    // petition_rejected when its id is already queued or running, its priority does not fit the
    // queue, or the manager is shutting down. The sink gets its output and how it ended.
    void submit(Petition petition, petition_sink sink = {}) {
        std::unique_ptr<petition_sink> owned;
        if (sink.line || sink.done) owned = std::make_unique<petition_sink>(std::move(sink));
        const std::uint64_t h = index_type::hash(std::string_view(petition.id));
        std::unique_lock lock(mutex_);
        const std::string_view id(petition.id);  // valid until the petition is moved below
        if (stopping_)
            throw petition_rejected("the manager is shutting down: petition \"" + std::string(id) + "\" was not accepted");
        if (const std::uint64_t* found = index_.find(id, h))
            throw petition_rejected("petition \"" + std::string(id) + "\" is already " +
                                    ((*found & 7) == in_slot ? "running" : "queued"));
        if constexpr (detail::bucket_levels<queue_choice> > 0) {
            const long long p = static_cast<long long>(petition.priority);
            if (p < 0 || p >= static_cast<long long>(detail::bucket_levels<queue_choice>))
                throw petition_rejected("petition \"" + std::string(id) + "\" has priority " + std::to_string(p) +
                                        ", outside the queue's levels 0.." +
                                        std::to_string(detail::bucket_levels<queue_choice> - 1));
        }
        const auto handle = queue_.emplace(std::move(petition), std::move(owned), queue_handle<queue_type>{});
        const waiting& queued = queue_.at(handle);
        queued.self = handle;
        index_.insert(h, word(&queued, in_queue));
        in_flight_.fetch_add(1, std::memory_order_relaxed);
        if (idle_ > 0) work_available_.notify_one();
    }

    // Converts a message into a petition (the hooks' convert(), or binding its extras into the
    // petition's fields) and submits it. A message that does not make a petition is never dropped:
    // invalid_message says why, with every problem.
    void submit_message(const message& m, petition_sink sink = {}) { submit(convert(m), std::move(sink)); }

    Petition convert(const message& m) {
        if constexpr (requires { { hooks_.convert(m) } -> std::same_as<std::optional<Petition>>; }) {
            try {
                if (auto p = hooks_.convert(m)) return std::move(*p);
            } catch (const binding_error& e) {
                throw invalid_message(m.id, e.problems(), invalid_text(m.id, e.what()));
            }
            throw invalid_message(m.id, {}, "message \"" + m.id + "\" does not make a valid petition");
        } else {
            try {
                Petition p = bind<Petition>(from_map(m.extras, "petition " + m.id));
                p.id = m.id;
                return p;
            } catch (const binding_error& e) {
                throw invalid_message(m.id, e.problems(), invalid_text(m.id, e.what()));
            }
        }
    }

    // Cancels a petition: a queued one leaves the queue at once; a running one is stopped (its
    // process group gets SIGTERM, then SIGKILL after the grace period; an in-process action sees
    // stop_requested()). Either way it ends as cancelled, on_finish runs once. An id that is not
    // queued or running throws unknown_petition.
    void finish(std::string_view id, std::string reason = "cancelled by finish()") {
        std::optional<ended> report;
        {
            std::lock_guard lock(mutex_);
            std::uint64_t* found = index_.find(id, index_type::hash(id));
            if (!found) throw unknown_petition(id);
            const std::uint64_t value = index_type::value_of(*found);
            if ((value & 7) == in_slot) {
                request_cancel(*reinterpret_cast<running_petition*>(value & ~std::uint64_t(7)), std::move(reason));
                return;
            }
            report = remove_waiting(found, outcome{petition_state::cancelled, std::nullopt, std::move(reason)});
            // What was behind it may be able to start now.
            if (idle_ > 0) work_available_.notify_one();
        }
        deliver(std::move(*report));
    }

    // Stops accepting petitions, then drains the queue or cancels everything, and waits until every
    // petition has ended and been reported. Safe to call more than once.
    void shutdown(shutdown_mode mode = shutdown_mode::drain) {
        std::vector<ended> reports;
        {
            std::lock_guard lock(mutex_);
            if (!stopping_ && notifier_.enabled()) notifier_.notify("STOPPING=1");
            stopping_ = true;
            if (mode == shutdown_mode::cancel) {
                const outcome cancelled{petition_state::cancelled, std::nullopt, "cancelled by shutdown"};
                while (!held_.empty())
                    reports.push_back(remove_waiting(find_word(held_.back().petition->petition), cancelled));
                while (!queue_.empty()) reports.push_back(remove_waiting(find_word(queue_.top().petition), cancelled));
                for (std::size_t i = 0; i < workers_count_; ++i)
                    if (slots_[i].job) request_cancel(*slots_[i].job, "cancelled by shutdown");
            }
            work_available_.notify_all();
        }
        for (auto& r : reports) deliver(std::move(r));
        for (auto& w : workers_)
            if (w.joinable()) w.join();
        {
            std::lock_guard lock(notifier_mutex_);
            notifier_stop_ = true;
        }
        notifier_wake_.notify_all();
        if (notifier_thread_.joinable()) notifier_thread_.join();
    }

    // Makes room for n queued petitions, so that queueing them allocates nothing.
    void reserve(std::size_t n) {
        std::lock_guard lock(mutex_);
        queue_.reserve(n);
        index_.reserve(n + workers_count_);
    }

    // Blocks until no petition is queued, running, or being reported.
    void wait_idle() {
        std::unique_lock lock(mutex_);
        all_done_.wait(lock, [&] { return in_flight_.load() == 0; });
    }

    // Conditions that depend on the outside world may have changed: look at the queue again.
    void reevaluate() {
        std::lock_guard lock(mutex_);
        work_available_.notify_all();
    }

    std::size_t queued() const {
        std::lock_guard lock(mutex_);
        return queue_.size() + held_.size();
    }
    std::size_t running() const {
        std::lock_guard lock(mutex_);
        return running_count_;
    }
    std::size_t workers() const noexcept { return workers_count_; }

    // Where a petition is: enqueued or running, or nothing once it has ended.
    std::optional<petition_state> state_of(std::string_view id) const {
        std::lock_guard lock(mutex_);
        const std::uint64_t* found = index_.find(id, index_type::hash(id));
        if (!found) return std::nullopt;
        return (*found & 7) == in_slot ? petition_state::running : petition_state::enqueued;
    }

    // Every petition queued or running (queued ones in no particular order).
    std::vector<petition_info> list() const {
        std::lock_guard lock(mutex_);
        std::vector<petition_info> out;
        for (const auto& w : queue_) out.push_back(info(w.petition, petition_state::enqueued));
        for (const auto& h : held_) out.push_back(info(h.petition->petition, petition_state::enqueued));
        for (std::size_t i = 0; i < workers_count_; ++i)
            if (slots_[i].job) out.push_back(info(slots_[i].job->petition, petition_state::running));
        return out;
    }

    // Exceptions thrown by on_start, on_finish or a sink: they cannot propagate from a worker, so
    // they are counted and the last message kept, rather than lost.
    std::size_t hook_errors() const {
        std::lock_guard lock(mutex_);
        return hook_errors_;
    }
    std::string last_hook_error() const {
        std::lock_guard lock(mutex_);
        return last_hook_error_;
    }

private:
    static petition_info info(const Petition& p, petition_state s) {
        return {std::string(std::string_view(p.id)), s, static_cast<long long>(p.priority)};
    }

    static std::string invalid_text(std::string_view id, std::string_view what) {
        return "message \"" + std::string(id) + "\" does not make a valid petition: " + std::string(what);
    }

    manager_view view() const noexcept { return {queue_.size() + held_.size(), running_count_, workers_count_}; }

    std::uint64_t* find_word(const Petition& p) noexcept {
        const std::string_view id(p.id);
        return index_.find(id, index_type::hash(id));
    }

    // Whether the queue's top runs before a held petition. On equal priorities the held one goes
    // first: it was popped while everything of its priority still queued was submitted after it.
    static bool before_held(const waiting& queued, const waiting& held) noexcept {
        const long long pq = priority_of{}(queued), ph = priority_of{}(held);
        return higher_first_order ? pq > ph : pq < ph;
    }

    bool can_start(const Petition& p) {
        if constexpr (requires { { hooks_.can_start(p, view()) } -> std::convertible_to<bool>; })
            return hooks_.can_start(p, view());
        else
            return true;
    }

    // Chooses the next petition to run, if any may start now, and moves it into the worker's slot.
    // Candidates come in queue order: those held aside earlier, merged with the queue's top. With
    // look_ahead, up to that many petitions behind one whose condition fails are considered; one
    // passed over starvation_limit times stops all overtaking until it runs.
    running_petition* pick(std::size_t slot) {
        if (running_count_ >= workers_count_ || !limit_type{}(view())) return nullptr;
        std::size_t considered = 0;
        for (std::size_t i = 0;; ++i) {
            // The i-th candidate is held_[i], unless the queue's top comes before it.
            const bool from_queue =
                !queue_.empty() && (i >= held_.size() || before_held(queue_.top(), *held_[i].petition));
            if (!from_queue && i >= held_.size()) return nullptr;
            const waiting& candidate = from_queue ? queue_.top() : *held_[i].petition;
            if (can_start(candidate.petition)) {
                for (std::size_t j = 0; j < i; ++j) ++held_[j].passed_over;
                // The index word points at the candidate where it is: find it before moving it.
                const std::uint64_t h = index_type::hash(std::string_view(candidate.petition.id));
                std::uint64_t* found = index_.find(std::string_view(candidate.petition.id), h);
                if (from_queue) return start(slot, queue_.pop(), found, h);
                return start(slot, take_held(i), found, h);
            }
            const std::uint32_t passed_over = from_queue ? 0 : held_[i].passed_over;
            if (passed_over >= params_.starvation_limit || ++considered > params_.look_ahead) return nullptr;
            if (from_queue) {  // look past it: hold it aside, in order, keeping its place
                std::uint64_t* found = find_word(candidate.petition);
                held_.insert(held_.begin() + std::ptrdiff_t(i), held_petition{std::make_unique<waiting>(queue_.pop()), 0});
                index_type::set_value(*found, word(held_[i].petition.get(), in_held));
            }
        }
    }

    waiting take_held(std::size_t i) {
        waiting w = std::move(*held_[i].petition);
        held_.erase(held_.begin() + std::ptrdiff_t(i));
        return w;
    }

    running_petition* start(std::size_t slot, waiting&& w, std::uint64_t* found, std::uint64_t h) {
        worker_slot& s = slots_[slot];
        running_petition& r = s.job.emplace(std::move(w.petition), std::move(w.sink), h);
        if constexpr (!uses_processes) {
            if (s.stop.stop_requested()) s.stop = std::stop_source();  // a used one cannot be reset
            r.stop = &s.stop;
        }
        index_type::set_value(*found, word(&r, in_slot));
        ++running_count_;
        return &r;
    }

    // Removes a queued or held petition, under the lock; the caller reports it.
    ended remove_waiting(std::uint64_t* found, outcome result) {
        const std::uint64_t value = index_type::value_of(*found);
        const auto* address = reinterpret_cast<const waiting*>(value & ~std::uint64_t(7));
        waiting w;
        if ((value & 7) == in_queue) {
            w = queue_.extract(address->self);
        } else {
            const auto h =
                std::find_if(held_.begin(), held_.end(), [&](const auto& x) { return x.petition.get() == address; });
            w = std::move(*h->petition);
            held_.erase(h);
        }
        index_.erase(found);
        return ended{std::move(w.petition), std::move(w.sink), std::move(result)};
    }

    void request_cancel(running_petition& r, std::string reason) {
        if (r.cancel_requested) return;
        r.cancel_requested = true;
        r.cancel_reason = std::move(reason);
        if (r.stop) r.stop->request_stop();
        if (r.child) r.child->request_stop(params_.grace_period);
    }

    // The worker loop: pick under the lock, run outside it, report outside it. Finishing one petition
    // and picking the next happen in one critical section.
    void work(std::size_t slot) {
        std::unique_lock lock(mutex_);
        std::optional<ended> previous;
        while (true) {
            running_petition* job = pick(slot);
            if (!job) {
                if (previous) {
                    lock.unlock();
                    deliver(std::move(*previous));
                    previous.reset();
                    lock.lock();
                    continue;
                }
                // Draining ends when nothing is left to start; what still runs has its own worker.
                if (stopping_ && queue_.empty() && held_.empty()) break;
                ++idle_;
                work_available_.wait(lock);
                --idle_;
                continue;
            }
            // Another idle worker may be able to start the next one.
            if (idle_ > 0 && (!queue_.empty() || !held_.empty())) work_available_.notify_one();
            lock.unlock();
            if (previous) {
                deliver(std::move(*previous));
                previous.reset();
            }
            outcome result = execute(*job);
            lock.lock();
            finish_running(slot, std::move(result), previous);
            if (stopping_) work_available_.notify_all();  // idle workers may now leave
        }
    }

    outcome execute(running_petition& job) {
        try {
            if constexpr (requires { { hooks_.on_start(job.petition) } -> std::convertible_to<bool>; }) {
                if (!hooks_.on_start(job.petition))
                    return outcome{petition_state::cancelled, std::nullopt, "refused by on_start"};
            } else if constexpr (requires { hooks_.on_start(job.petition); }) {
                hooks_.on_start(job.petition);
            }
            if constexpr (uses_processes) return run_process(job);
            else return run_in_thread(job);
        } catch (const std::exception& e) {
            return outcome{petition_state::failed, std::nullopt, e.what()};
        } catch (...) {
            return outcome{petition_state::failed, std::nullopt, "unknown exception"};
        }
    }

    outcome run_in_thread(running_petition& job) {
        petition_context context(job.sink.get(), *job.stop);
        const int code = hooks_.run(job.petition, context);
        return outcome{petition_state::finished, code, {}};
    }

    outcome run_process(running_petition& job) {
        process::command command = hooks_.command(std::as_const(job.petition));
        const bool streams = job.sink && job.sink->line;
        if (streams) {
            command.std_out = process::output::capture();
            command.std_err = process::output::capture();
        }
        process::child child = process::spawn(command);
        {
            std::lock_guard lock(mutex_);
            job.child = &child;
            if (job.cancel_requested) child.request_stop(params_.grace_period);
        }
        struct forget_child {  // the child lives on this stack frame only: unlink it before it goes
            manager& m;
            running_petition& job;
            ~forget_child() {
                std::lock_guard lock(m.mutex_);
                job.child = nullptr;
            }
        } unlink{*this, job};
        const process::exit_status status =
            streams ? child.stream_output([&](process::stream s, std::string_view line) { job.sink->line(s, line); })
                    : child.wait();
        return outcome{petition_state::finished, status.shell_code(), {}};
    }

    // Under the lock: the petition in this slot reached its end. One whose cancellation was
    // requested ends as cancelled whatever its action returned.
    void finish_running(std::size_t slot, outcome result, std::optional<ended>& out) {
        running_petition& job = *slots_[slot].job;
        if (job.cancel_requested && result.state != petition_state::failed) {
            result.state = petition_state::cancelled;
            result.reason = job.cancel_reason;
        }
        index_.erase(index_.find(std::string_view(job.petition.id), job.hash));
        out.emplace(std::move(job.petition), std::move(job.sink), std::move(result));
        slots_[slot].job.reset();
        --running_count_;
    }

    // Outside the lock: on_finish, then the sink, exactly once per petition.
    void deliver(ended&& e) {
        auto note = [&](const char* what, const std::exception* ex) {
            std::lock_guard lock(mutex_);
            ++hook_errors_;
            last_hook_error_ = std::string(what) + " of petition \"" + std::string(std::string_view(e.petition.id)) +
                               "\" threw: " + (ex ? ex->what() : "unknown exception");
        };
        try {
            if constexpr (requires { hooks_.on_finish(std::as_const(e.petition), std::as_const(e.result)); })
                hooks_.on_finish(std::as_const(e.petition), std::as_const(e.result));
        } catch (const std::exception& ex) {
            note("on_finish", &ex);
        } catch (...) {
            note("on_finish", nullptr);
        }
        try {
            if (e.sink && e.sink->done) e.sink->done(e.result);
        } catch (const std::exception& ex) {
            note("the sink", &ex);
        } catch (...) {
            note("the sink", nullptr);
        }
        // The last one wakes wait_idle(); taking the lock orders this after its check.
        if (in_flight_.fetch_sub(1, std::memory_order_acq_rel) == 1) {
            std::lock_guard lock(mutex_);
            all_done_.notify_all();
        }
    }

    std::string status_text() const {
        return std::to_string(queue_.size() + held_.size()) + " queued, " + std::to_string(running_count_) +
               " running, " + std::to_string(workers_count_) + " workers";
    }

    // Pings systemd only after a pass over the scheduling state under the lock, evaluating the
    // limit and the next petition's condition as the workers do: if that machinery is stuck (a
    // deadlock, a condition that never returns), the pings stop and systemd restarts the service.
    void notify_periodically() {
        const auto interval = watchdog_ ? std::chrono::duration_cast<std::chrono::milliseconds>(*watchdog_ / 2)
                                        : params_.status_interval;
        std::unique_lock wait_lock(notifier_mutex_);
        while (!notifier_wake_.wait_for(wait_lock, interval, [&] { return notifier_stop_; })) {
            wait_lock.unlock();
            std::string status;
            {
                std::lock_guard lock(mutex_);
                const bool may_start = running_count_ < workers_count_ && limit_type{}(view());
                const waiting* head =
                    held_.empty() ? (queue_.empty() ? nullptr : &queue_.top()) : held_.front().petition.get();
                if (may_start && head && can_start(head->petition) && idle_ > 0) work_available_.notify_one();
                status = status_text();
            }
            notifier_.notify(std::string(watchdog_ ? "WATCHDOG=1\n" : "") + "STATUS=" + status);
            wait_lock.lock();
        }
    }

    manager_params params_;
    hooks_type hooks_;
    std::size_t workers_count_ = 0;

    mutable std::mutex mutex_;
    std::condition_variable work_available_;
    std::condition_variable all_done_;
    queue_type queue_;
    std::vector<held_petition> held_;        // looked past, kept in queue order
    std::unique_ptr<worker_slot[]> slots_;  // one per worker
    std::size_t running_count_ = 0;
    index_type index_;
    std::atomic<std::size_t> in_flight_{0};  // submitted and not yet reported
    std::size_t idle_ = 0;                   // workers waiting for work
    bool stopping_ = false;
    std::size_t hook_errors_ = 0;
    std::string last_hook_error_;

    std::vector<std::thread> workers_;

    sd_notifier notifier_;
    std::optional<std::chrono::microseconds> watchdog_;
    std::thread notifier_thread_;
    std::mutex notifier_mutex_;
    std::condition_variable notifier_wake_;
    bool notifier_stop_ = false;
};

}  // namespace orchard
