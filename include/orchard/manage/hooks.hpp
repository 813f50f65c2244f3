// The manager's hooks: the members of the user's hooks class the manager calls, each found by its
// name and checked against the signature the manager calls it with. A member named like a hook whose
// signature does not fit is a compile error, never silently skipped.
#pragma once

#include <orchard/detail/diagnostics.hpp>
#include <orchard/detail/member_probes.hpp>
#include <orchard/manage/petition.hpp>
#include <orchard/manage/policies.hpp>
#include <orchard/process/command.hpp>

#include <concepts>
#include <optional>
#include <type_traits>
#include <utility>

namespace orchard {
namespace detail {

// One error per hook, each a sentence with the signature the manager calls; the hooks type is the
// template argument, so the compiler names it.
template <class Hooks>
struct wrong_can_start {
    static_assert(always_false<Hooks>,
                  "orchard: the manager's hooks have a member named can_start, but the manager calls "
                  "bool can_start(const Petition&, const orchard::manager_view&) (const allowed): a condition, "
                  "asked under the manager's lock, maybe many times; give it that signature or another name");
};
template <class Hooks>
struct wrong_claim {
    static_assert(always_false<Hooks>,
                  "orchard: the manager's hooks have a member named claim, but the manager calls "
                  "bool claim(const Petition&, const orchard::manager_view&) (const allowed) under its lock when "
                  "the petition may start; give it that signature or another name");
};
template <class Hooks>
struct wrong_release {
    static_assert(always_false<Hooks>,
                  "orchard: the manager's hooks have a member named release, but the manager calls "
                  "void release(const Petition&, const orchard::outcome&) under its lock, once for each claim, "
                  "when the petition ended; give it that signature or another name");
};
template <class Hooks>
struct claim_without_release {
    static_assert(always_false<Hooks>,
                  "orchard: the manager's hooks have claim() but no release(): what a petition claims must be "
                  "given back when it ends; add void release(const Petition&, const orchard::outcome&)");
};
template <class Hooks>
struct release_without_claim {
    static_assert(always_false<Hooks>,
                  "orchard: the manager's hooks have release() but no claim(): the manager calls release once "
                  "for each claim; add bool claim(const Petition&, const orchard::manager_view&)");
};
template <class Hooks>
struct wrong_on_start {
    static_assert(always_false<Hooks>,
                  "orchard: the manager's hooks have a member named on_start, but the manager calls "
                  "bool on_start(Petition&) (false refuses the petition) or void on_start(Petition&) before the "
                  "action runs; give it one of those signatures or another name");
};
template <class Hooks>
struct wrong_on_finish {
    static_assert(always_false<Hooks>,
                  "orchard: the manager's hooks have a member named on_finish, but the manager calls "
                  "void on_finish(const Petition&, const orchard::outcome&) (const allowed) once per petition; "
                  "give it that signature or another name");
};
template <class Hooks>
struct wrong_convert {
    static_assert(always_false<Hooks>,
                  "orchard: the manager's hooks have a member named convert, but the manager calls "
                  "std::optional<Petition> convert(const orchard::message&) (const allowed; an empty optional "
                  "rejects the message); give it that signature or another name");
};
template <class Hooks>
struct wrong_run {
    static_assert(always_false<Hooks>,
                  "orchard: the manager's hooks have a member named run, but a manager with thread_executor calls "
                  "int run(Petition&, orchard::petition_context&) in a worker thread; give it that signature or "
                  "another name");
};
template <class Hooks>
struct missing_run {
    static_assert(always_false<Hooks>,
                  "orchard: a manager with thread_executor (the default) runs int run(Petition&, "
                  "orchard::petition_context&) of its hooks, which have none; add it, or give the manager "
                  "manager_executor<process_executor> and a command(const Petition&) hook");
};
template <class Hooks>
struct wrong_command {
    static_assert(always_false<Hooks>,
                  "orchard: the manager's hooks have a member named command, but a manager with process_executor "
                  "calls orchard::process::command command(const Petition&) (const allowed); give it that "
                  "signature or another name");
};
template <class Hooks>
struct missing_command {
    static_assert(always_false<Hooks>,
                  "orchard: a manager with process_executor runs the orchard::process::command "
                  "command(const Petition&) of its hooks, which have none; add it");
};
template <class Hooks>
struct command_without_process_executor {
    static_assert(always_false<Hooks>,
                  "orchard: the manager's hooks have command(), which only a manager with process_executor "
                  "calls, but this manager runs petitions with thread_executor: give it "
                  "manager_executor<process_executor>, or rename the member");
};
template <class Hooks>
struct run_without_thread_executor {
    static_assert(always_false<Hooks>,
                  "orchard: the manager's hooks have run(), which only a manager with thread_executor calls, but "
                  "this manager runs petitions as processes (process_executor): remove or rename run, or use "
                  "thread_executor");
};

}  // namespace detail

// What a manager's hooks provide, checked once: each `has_X` is true when the hooks have X with the
// signature the manager calls. `checked` reports, all at once, every member named like a hook whose
// signature does not fit, and hooks that make sense only together.
template <class Hooks, class Petition>
struct hook_set {
    static constexpr bool named_can_start = detail::has_member_can_start<Hooks>();
    static constexpr bool named_claim = detail::has_member_claim<Hooks>();
    static constexpr bool named_release = detail::has_member_release<Hooks>();
    static constexpr bool named_on_start = detail::has_member_on_start<Hooks>();
    static constexpr bool named_on_finish = detail::has_member_on_finish<Hooks>();
    static constexpr bool named_convert = detail::has_member_convert<Hooks>();
    static constexpr bool named_run = detail::has_member_run<Hooks>();
    static constexpr bool named_command = detail::has_member_command<Hooks>();

    static constexpr bool fits_can_start = requires(Hooks& h, const Petition& p, const manager_view& v) {
        { h.can_start(p, v) } -> std::convertible_to<bool>;
    };
    static constexpr bool fits_claim = requires(Hooks& h, const Petition& p, const manager_view& v) {
        { h.claim(p, v) } -> std::convertible_to<bool>;
    };
    static constexpr bool fits_release = requires(Hooks& h, const Petition& p, const outcome& o) { h.release(p, o); };
    static constexpr bool on_start_refuses = requires(Hooks& h, Petition& p) {
        { h.on_start(p) } -> std::convertible_to<bool>;
    };
    static constexpr bool fits_on_start = on_start_refuses || requires(Hooks& h, Petition& p) {
        { h.on_start(p) } -> std::same_as<void>;
    };
    static constexpr bool fits_on_finish =
        requires(Hooks& h, const Petition& p, const outcome& o) { h.on_finish(p, o); };
    static constexpr bool fits_convert = requires(Hooks& h, const message& m) {
        { h.convert(m) } -> std::same_as<std::optional<Petition>>;
    };
    static constexpr bool fits_run = requires(Hooks& h, Petition& p, petition_context& c) {
        { h.run(p, c) } -> std::convertible_to<int>;
    };
    static constexpr bool fits_command = requires(Hooks& h, const Petition& p) {
        { h.command(p) } -> std::convertible_to<process::command>;
    };

    static constexpr bool has_can_start = named_can_start && fits_can_start;
    static constexpr bool has_claim = named_claim && fits_claim && named_release && fits_release;
    static constexpr bool has_on_start = named_on_start && fits_on_start;
    static constexpr bool has_on_finish = named_on_finish && fits_on_finish;
    static constexpr bool has_convert = named_convert && fits_convert;
    static constexpr bool has_run = named_run && fits_run;
    static constexpr bool has_command = named_command && fits_command;

    static constexpr bool valid =
        (!named_can_start || fits_can_start) && (!named_claim || fits_claim) && (!named_release || fits_release) &&
        named_claim == named_release && (!named_on_start || fits_on_start) && (!named_on_finish || fits_on_finish) &&
        (!named_convert || fits_convert) && (!named_run || fits_run) && (!named_command || fits_command);

private:
    template <bool Failed, template <class> class Error>
    using report = detail::reported<Failed, Error<Hooks>>;
    using r1 = report<named_can_start && !fits_can_start, detail::wrong_can_start>;
    using r2 = report<named_claim && !fits_claim, detail::wrong_claim>;
    using r3 = report<named_release && !fits_release, detail::wrong_release>;
    using r4 = report<named_claim && !named_release, detail::claim_without_release>;
    using r5 = report<named_release && !named_claim, detail::release_without_claim>;
    using r6 = report<named_on_start && !fits_on_start, detail::wrong_on_start>;
    using r7 = report<named_on_finish && !fits_on_finish, detail::wrong_on_finish>;
    using r8 = report<named_convert && !fits_convert, detail::wrong_convert>;
    using r9 = report<named_run && !fits_run, detail::wrong_run>;
    using r10 = report<named_command && !fits_command, detail::wrong_command>;
};

}  // namespace orchard
