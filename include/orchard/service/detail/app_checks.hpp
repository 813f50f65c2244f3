// Compile-time checks of app plugins: a summary, command signatures, unique command names, errors
// naming the plugin and the command.
#pragma once

#include <orchard/detail/diagnostics.hpp>
#include <orchard/detail/fixed_string.hpp>
#include <orchard/plugin/concepts.hpp>
#include <orchard/plugin/registry.hpp>
#include <orchard/reflect.hpp>

#include <array>
#include <concepts>
#include <cstddef>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

namespace orchard {

template <auto Member>
struct app_command;

namespace detail {

// The name of the command every app embeds; no plugin or alias may take it.
inline constexpr std::string_view embedded_ls = "ls";

// The arguments of a command declared without any: it still answers --help and rejects extras.
struct no_command_args {};

// What a command's member function looks like; `valid` only for the accepted shapes.
template <class M>
struct command_member {
    static constexpr bool valid = false;
};
template <class C, class A, bool NoExcept>
struct command_member<int (C::*)(const A&) noexcept(NoExcept)> {
    static constexpr bool valid = true, takes_args = true;
    using owner = C;
    using args_type = A;
};
template <class C, class A, bool NoExcept>
struct command_member<int (C::*)(const A&) const noexcept(NoExcept)> : command_member<int (C::*)(const A&)> {};
template <class C, bool NoExcept>
struct command_member<int (C::*)() noexcept(NoExcept)> {
    static constexpr bool valid = true, takes_args = false;
    using owner = C;
    using args_type = no_command_args;
};
template <class C, bool NoExcept>
struct command_member<int (C::*)() const noexcept(NoExcept)> : command_member<int (C::*)()> {};

template <class T>
inline constexpr bool is_command = false;
template <auto Member>
inline constexpr bool is_command<app_command<Member>> = true;

template <class T>
inline constexpr bool is_command_tuple = false;
template <class... C>
inline constexpr bool is_command_tuple<std::tuple<C...>> = (is_command<C> && ...);

template <class P>
using commands_of = std::remove_cv_t<decltype(P::commands)>;

template <class P>
inline constexpr std::size_t command_count = std::tuple_size_v<commands_of<P>>;

// A member function of P (or of a base of P) with an accepted shape, its arguments a plain aggregate.
template <class P, auto Member>
constexpr bool command_shape_ok() {
    using traits = command_member<decltype(Member)>;
    if constexpr (!traits::valid) return false;
    else if constexpr (!std::is_base_of_v<typename traits::owner, P>) return false;
    else if constexpr (traits::takes_args) return reflect::aggregate<typename traits::args_type>;
    else return true;
}

template <class P, std::size_t I>
inline constexpr std::string_view command_name_of = std::get<I>(P::commands).name;

template <class P, std::size_t I>
inline constexpr auto command_fixed_name = fixed_name<command_name_of<P, I>.size() + 1>(command_name_of<P, I>);

// An empty name, or the name of an earlier command of the same plugin.
template <class P, std::size_t I>
constexpr bool command_name_repeats() {
    if (command_name_of<P, I>.empty()) return true;
    return [&]<std::size_t... J>(std::index_sequence<J...>) {
        return ((command_name_of<P, J> == command_name_of<P, I>) || ... || false);
    }(std::make_index_sequence<I>{});
}

// Instantiated only to fail; the names are template arguments so that both compilers print them.
template <fixed_string Plugin, fixed_string Command, class Type>
struct bad_command_signature {
    static_assert(always_false<Type>,
                  "orchard: a command of an app plugin must be a member function int (P::*)(const Args&) with Args "
                  "an aggregate struct of its arguments (const and noexcept allowed), or int (P::*)() for a command "
                  "without arguments; the plugin's and the command's names are the first two template arguments of "
                  "orchard::detail::bad_command_signature in this error");
};

template <fixed_string Plugin, fixed_string Command, class Type>
struct duplicate_command_name {
    static_assert(always_false<Type>,
                  "orchard: two commands of one app plugin have the same name, or a command has an empty name; the "
                  "plugin's and the command's names are the first two template arguments of "
                  "orchard::detail::duplicate_command_name in this error");
};

template <fixed_string Plugin, class Type>
struct app_reserved_name {
    static_assert(always_false<Type>,
                  "orchard: a plugin of an app is called (or aliased) \"ls\", the app's embedded command; the "
                  "plugin is the first template argument of orchard::detail::app_reserved_name in this error");
};

template <bool Taken, class P>
struct report_reserved {
    using type = void;
};
template <class P>
struct report_reserved<true, P> {
    using type = reported<true, app_reserved_name<name_of<P>, P>>;
};

template <class P, std::size_t I>
struct command_report {
    using C = std::tuple_element_t<I, commands_of<P>>;
    static constexpr bool shape_ok = command_shape_ok<P, C::member>();
    static constexpr bool name_ok = !command_name_repeats<P, I>();
    using r1 = reported<!shape_ok, bad_command_signature<name_of<P>, command_fixed_name<P, I>, P>>;
    using r2 = reported<shape_ok && !name_ok, duplicate_command_name<name_of<P>, command_fixed_name<P, I>, P>>;
};

template <class P, class Indices>
struct commands_check;
template <class P, std::size_t... I>
struct commands_check<P, std::index_sequence<I...>> {
    static constexpr bool valid =
        ((command_shape_ok<P, std::tuple_element_t<I, commands_of<P>>::member>() && !command_name_repeats<P, I>()) &&
         ... && true);
    using reports = decltype((sizeof(command_report<P, I>) + ... + 0));
};

// The commands' checks, once it is known that there is a tuple of them.
template <class P, bool HasCommands>
struct checked_commands {
    static constexpr bool valid = false;
    using reports = void;
};
template <class P>
struct checked_commands<P, true> {
    using check = commands_check<P, std::make_index_sequence<command_count<P>>>;
    static constexpr bool valid = check::valid;
    using reports = typename check::reports;
};

// What an app plugin needs beyond being a plugin: a summary and a tuple of commands.
template <class P>
struct app_plugin_check {
    static constexpr bool has_summary = requires {
        { P::summary } -> std::convertible_to<std::string_view>;
    };
    static constexpr bool has_commands = [] {
        if constexpr (requires { P::commands; }) return is_command_tuple<commands_of<P>>;
        else return false;
    }();
    static constexpr bool commands_ok = checked_commands<P, has_commands>::valid;
    static constexpr bool valid = plugin_check<P>::valid && has_summary && has_commands && commands_ok;
};

template <class P>
struct app_plugin_report {
    using check = app_plugin_check<P>;
    static constexpr bool named = plugin_check<P>::named;
    using r1 = reported<named && !check::has_summary, plugin_error<shown_name<P>(), "std::string_view summary", P>>;
    using r2 =
        reported<named && !check::has_commands, plugin_error<shown_name<P>(), "static constexpr auto commands", P>>;
    using r3 = typename checked_commands<P, named && check::has_commands>::reports;
};

// Every plugin well formed first, so that a missing member is not followed by a cascade.
template <class... Plugins>
struct app_check {
    static constexpr bool plugins_ok = (app_plugin_check<Plugins>::valid && ...);
    using plugins_reported = decltype((sizeof(app_plugin_report<Plugins>) + ... + 0));
    using registry_type = registry<Plugins...>;
    static constexpr bool ls_taken = plugins_ok && registry_type::contains(embedded_ls);
    using ls_reported = typename report_reserved<
        ls_taken, typename type_at<ls_taken ? registry_type::index_of(embedded_ls) : 0, Plugins...>::type>::type;
    static constexpr bool valid = plugins_ok && !ls_taken;
};

}  // namespace detail
}  // namespace orchard
