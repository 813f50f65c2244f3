// How a petition's action runs: thread_executor calls the hooks' run() in the worker thread,
// process_executor spawns the hooks' command() as a child process. Each carries its own run.
#pragma once

#include <orchard/detail/diagnostics.hpp>
#include <orchard/manage/hooks.hpp>
#include <orchard/manage/petition.hpp>
#include <orchard/process.hpp>

#include <chrono>
#include <stop_token>
#include <string_view>
#include <utility>

namespace orchard {

// What an executor gets besides the hooks and the petition: where output goes, the stop request
// (cancel or shutdown), and how long a process group has between SIGTERM and SIGKILL.
struct run_context {
    const petition_sink* sink = nullptr;
    const std::stop_source* stop = nullptr;  // the worker's; a stop request on it cancels the petition
    std::chrono::milliseconds grace_period{};
};

// An executor: `Executor::run(hooks, petition, context)` -> the petition's outcome (throwing ends it
// as failed), and `Executor::checks<Hooks, Petition>`, which reports hooks it cannot run.
template <class E, class Hooks, class Petition>
concept executor_for = requires(Hooks& h, Petition& p, const run_context& c) {
    { E::run(h, p, c) } -> std::same_as<outcome>;
    typename E::template checks<Hooks, Petition>;
};

// In the worker thread: the hooks' int run(Petition&, petition_context&); cancelling asks it to
// stop through the context (stop_requested, wait_for_stop), which the action must honour.
struct thread_executor {
    template <class Hooks, class Petition>
    struct checks {
        using set = hook_set<Hooks, Petition>;
        static constexpr bool valid = set::has_run && !set::named_command;

    private:
        // Hooks with command() but no run() meant process_executor: that is the one error.
        using r1 = detail::reported<!set::named_run && !set::named_command, detail::missing_run<Hooks>>;
        using r2 = detail::reported<set::named_command, detail::command_without_process_executor<Hooks>>;
    };

    template <class Hooks, class Petition>
    static outcome run(Hooks& hooks, Petition& petition, const run_context& context) {
        if constexpr (hook_set<Hooks, Petition>::has_run) {
            petition_context action(context.sink, *context.stop);
            const int code = hooks.run(petition, action);
            return outcome::ended(end_cause::finished, code);
        } else {
            return outcome::ended(end_cause::failed, std::nullopt, "the hooks have no run()");
        }
    }
};

// As a child process leading its own process group: the hooks' process::command command(const
// Petition&), its output streamed by line when the sink wants lines; cancelling signals the whole
// group (SIGTERM, then SIGKILL after the grace period).
struct process_executor {
    template <class Hooks, class Petition>
    struct checks {
        using set = hook_set<Hooks, Petition>;
        static constexpr bool valid = set::has_command && !set::named_run;

    private:
        using r1 = detail::reported<!set::named_command && !set::named_run, detail::missing_command<Hooks>>;
        using r2 = detail::reported<set::named_run, detail::run_without_thread_executor<Hooks>>;
    };

    template <class Hooks, class Petition>
    static outcome run(Hooks& hooks, Petition& petition, const run_context& context) {
        if constexpr (hook_set<Hooks, Petition>::has_command) {
            process::command command = hooks.command(std::as_const(petition));
            const bool streams = context.sink && context.sink->line;
            if (streams) {
                command.std_out = process::output::capture();
                command.std_err = process::output::capture();
            }
            process::child child = process::spawn(command);
            // Runs at once when the stop was requested before the child existed.
            const std::stop_callback stop(context.stop->get_token(), [&] { child.request_stop(context.grace_period); });
            const process::exit_status status =
                streams ? child.stream_output(
                              [&](process::stream s, std::string_view line) { context.sink->line(s, line); })
                        : child.wait();
            return outcome::ended(end_cause::finished, status.shell_code());
        } else {
            return outcome::ended(end_cause::failed, std::nullopt, "the hooks have no command()");
        }
    }
};

}  // namespace orchard
