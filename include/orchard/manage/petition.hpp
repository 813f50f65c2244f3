// Petitions: their life cycle, how one ended, messages that become petitions, and the manager's errors.
#pragma once

#include <orchard/error.hpp>
#include <orchard/params/problem.hpp>
#include <orchard/process/command.hpp>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <string_view>
#include <vector>

namespace orchard {

// pending -> enqueued -> running -> finished | cancelled | failed -> done. A petition may also go
// from enqueued straight to cancelled (cancel before it ran). Every submitted petition reaches
// exactly one of the three terminal states.
enum class petition_state : std::uint8_t { pending, enqueued, running, finished, cancelled, failed, done };

constexpr std::string_view to_string(petition_state s) noexcept {
    switch (s) {
        case petition_state::pending:
            return "pending";
        case petition_state::enqueued:
            return "enqueued";
        case petition_state::running:
            return "running";
        case petition_state::finished:
            return "finished";
        case petition_state::cancelled:
            return "cancelled";
        case petition_state::failed:
            return "failed";
        case petition_state::done:
            return "done";
    }
    return "unknown";
}

constexpr bool is_terminal(petition_state s) noexcept {
    return s == petition_state::finished || s == petition_state::cancelled || s == petition_state::failed;
}

// The transitions the state machine allows; anything else is a bug in the caller.
constexpr bool allowed_transition(petition_state from, petition_state to) noexcept {
    using enum petition_state;
    switch (from) {
        case pending:
            return to == enqueued || to == cancelled || to == failed;
        case enqueued:
            return to == running || to == cancelled;
        case running:
            return to == finished || to == cancelled || to == failed;
        case finished:
        case cancelled:
        case failed:
            return to == done;
        case done:
            return false;
    }
    return false;
}

// Why a petition ended, finer than its state.
enum class end_cause : std::uint8_t {
    finished,                 // its action returned (state finished)
    failed,                   // its action threw or could not start (state failed)
    refused,                  // on_start said no (state cancelled)
    cancelled_while_queued,   // cancelled before it started (state cancelled)
    cancelled_while_running,  // cancelled while its action ran (state cancelled)
};

constexpr std::string_view to_string(end_cause c) noexcept {
    switch (c) {
        case end_cause::finished:
            return "finished";
        case end_cause::failed:
            return "failed";
        case end_cause::refused:
            return "refused";
        case end_cause::cancelled_while_queued:
            return "cancelled while queued";
        case end_cause::cancelled_while_running:
            return "cancelled while running";
    }
    return "unknown";
}

constexpr petition_state state_of(end_cause c) noexcept {
    switch (c) {
        case end_cause::finished:
            return petition_state::finished;
        case end_cause::failed:
            return petition_state::failed;
        default:
            return petition_state::cancelled;
    }
}

// How a petition ended, as on_finish, release and the petition's sink see it.
struct outcome {
    petition_state state = petition_state::finished;  // finished, cancelled or failed
    end_cause cause = end_cause::finished;            // why, in more detail
    std::optional<int> exit_code;                     // the action's code (128+signal when killed)
    std::string reason;                               // why it was cancelled or failed

    static outcome ended(end_cause cause, std::optional<int> code = std::nullopt, std::string reason = {}) {
        return {state_of(cause), cause, code, std::move(reason)};
    }
};

// What a client sends: an id and the petition's fields as text, bound into the petition by params/.
struct message {
    std::string id;
    std::map<std::string, std::string> extras;
};

// Where a petition's output goes: each line of its action's stdout/stderr, then how it ended.
// Both members may be empty. They are called from the manager's worker threads.
struct petition_sink {
    std::function<void(process::stream, std::string_view)> line;
    std::function<void(const outcome&)> done;
};

// Given to an in-process action (thread executor): where its output goes, whether to stop.
class petition_context {
public:
    // The stop source is the worker's, borrowed while the action runs: no token is made per petition.
    petition_context(const petition_sink* sink, const std::stop_source& stop) : sink_(sink), stop_(&stop) {}

    void line(std::string_view text, process::stream to = process::stream::out) const {
        if (sink_ && sink_->line) sink_->line(to, text);
    }
    bool stop_requested() const noexcept { return stop_->stop_requested(); }
    // For std::stop_callback or std::condition_variable_any waits.
    std::stop_token stop_token() const noexcept { return stop_->get_token(); }

    // Blocks until the petition is asked to stop (cancel(id) or shutdown).
    void wait_for_stop() const {
        std::mutex m;
        std::condition_variable_any wake;
        std::unique_lock lock(m);
        wake.wait(lock, stop_token(), [this] { return stop_requested(); });
    }
    // A pause that does not delay cancellation: waits up to `timeout`, and returns true as soon as
    // the petition is asked to stop (false when the time ran out).
    template <class Rep, class Period>
    bool wait_for_stop(std::chrono::duration<Rep, Period> timeout) const {
        std::mutex m;
        std::condition_variable_any wake;
        std::unique_lock lock(m);
        return wake.wait_for(lock, stop_token(), timeout, [this] { return stop_requested(); });
    }

private:
    const petition_sink* sink_;
    const std::stop_source* stop_;
};

// The manager refuses a petition: its id is already queued or running, its priority is outside the
// queue's range, or the manager is shutting down.
class petition_rejected : public error {
public:
    using error::error;
};

// cancel(id) for an id that is neither queued nor running.
class unknown_petition : public error {
public:
    explicit unknown_petition(std::string_view id)
        : error("no petition \"" + std::string(id) + "\" is queued or running"), id_(id) {}
    const std::string& id() const noexcept { return id_; }

private:
    std::string id_;
};

// A message that does not make a valid petition: every problem with its extras.
class invalid_message : public error {
public:
    invalid_message(std::string_view id, std::vector<problem> problems, std::string text)
        : error(std::move(text)), id_(id), problems_(std::move(problems)) {}
    const std::string& id() const noexcept { return id_; }
    const std::vector<problem>& problems() const noexcept { return problems_; }

private:
    std::string id_;
    std::vector<problem> problems_;
};

}  // namespace orchard
