// Compile-time checks of app plugins: command signatures, unique names and aliases, errors naming the plugin.
#pragma once

#include <orchard/detail/fixed_string.hpp>
#include <orchard/plugin/concepts.hpp>
#include <orchard/reflect.hpp>

#include <array>
#include <concepts>
#include <cstddef>
#include <iterator>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

namespace orchard {

template <auto Member>
struct command;

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
inline constexpr bool is_command<command<Member>> = true;

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

template <class P>
constexpr bool aliases_well_formed() {
    if constexpr (!requires { P::aliases; }) {
        return true;
    } else {
        return requires {
            std::size(P::aliases);
            { P::aliases[0] } -> std::convertible_to<std::string_view>;
        };
    }
}

template <class P>
constexpr std::size_t alias_count() {
    if constexpr (requires { P::aliases; }) return std::size(P::aliases);
    else return 0;
}

// The plugin's name followed by its aliases.
template <class P>
constexpr std::array<std::string_view, 1 + alias_count<P>()> words_of() {
    std::array<std::string_view, 1 + alias_count<P>()> out{};
    out[0] = P::name;
    if constexpr (alias_count<P>() > 0)
        for (std::size_t i = 0; i < alias_count<P>(); ++i) out[i + 1] = P::aliases[i];
    return out;
}

// Non-failing: what orchard::app_plugin checks beyond orchard::plugin.
template <class P>
constexpr bool commands_well_formed() {
    if constexpr (!is_command_tuple<commands_of<P>>) {
        return false;
    } else {
        return [&]<std::size_t... I>(std::index_sequence<I...>) {
            return ((command_shape_ok<P, std::tuple_element_t<I, commands_of<P>>::member>() &&
                     !command_name_repeats<P, I>()) &&
                    ... && true);
        }(std::make_index_sequence<command_count<P>>{});
    }
}

// Instantiated only to fail; the names are template arguments so that both compilers print them.
template <fixed_string Plugin, fixed_string Command, class Type>
struct bad_command_signature {
    static_assert(plugin_always_false<Type>,
                  "orchard: a command of an app plugin must be a member function int (P::*)(const Args&) with Args "
                  "an aggregate struct of its arguments (const and noexcept allowed), or int (P::*)() for a command "
                  "without arguments; the plugin's and the command's names are the first two template arguments of "
                  "orchard::detail::bad_command_signature in this error");
    static constexpr bool value = false;
};

template <fixed_string Plugin, fixed_string Command, class Type>
struct duplicate_command_name {
    static_assert(plugin_always_false<Type>,
                  "orchard: two commands of one app plugin have the same name, or a command has an empty name; the "
                  "plugin's and the command's names are the first two template arguments of "
                  "orchard::detail::duplicate_command_name in this error");
    static constexpr bool value = false;
};

template <fixed_string Name, fixed_string Plugin, class Type>
struct duplicate_app_name {
    static_assert(plugin_always_false<Type>,
                  "orchard: a name or alias is taken twice in one app (by two plugins, twice by one plugin, or by a "
                  "plugin and the embedded command \"ls\"); the name and the plugin that repeats it are the first "
                  "two template arguments of orchard::detail::duplicate_app_name in this error");
    static constexpr bool value = false;
};

template <class P, std::size_t I>
consteval bool check_command() {
    using C = std::tuple_element_t<I, commands_of<P>>;
    if constexpr (!command_shape_ok<P, C::member>())
        return bad_command_signature<name_of<P>, command_fixed_name<P, I>, P>::value;
    else if constexpr (command_name_repeats<P, I>())
        return duplicate_command_name<name_of<P>, command_fixed_name<P, I>, P>::value;
    else
        return true;
}

// True for a well-formed app plugin; otherwise a compile error naming the plugin and what is wrong.
template <class P>
consteval bool check_app_plugin() {
    if constexpr (!check_plugin<P>()) {
        return false;
    } else if constexpr (!requires { { P::help } -> std::convertible_to<std::string_view>; }) {
        return plugin_error<name_of<P>, "static constexpr std::string_view help = \"what the plugin does\";",
                            P>::value;
    } else if constexpr (!aliases_well_formed<P>()) {
        return plugin_error<name_of<P>,
                            "static constexpr std::array<std::string_view, N> aliases = {...}; (or none)", P>::value;
    } else if constexpr (!requires { P::commands; } || !is_command_tuple<commands_of<P>>) {
        return plugin_error<name_of<P>,
                            "static constexpr auto commands = std::tuple{orchard::command<&P::member>{\"name\", "
                            "\"help\"}, ...};",
                            P>::value;
    } else {
        return [&]<std::size_t... I>(std::index_sequence<I...>) {
            return (check_command<P, I>() && ... && true);
        }(std::make_index_sequence<command_count<P>>{});
    }
}

template <class P, std::size_t J>
inline constexpr std::string_view word_of = words_of<P>()[J];

template <class P, std::size_t J>
inline constexpr auto word_fixed = fixed_name<word_of<P, J>.size() + 1>(word_of<P, J>);

// Every plugin's name and aliases, in order: "ls" first, then each plugin's words.
template <class... Plugins>
constexpr auto all_app_words() {
    std::array<std::string_view, (1 + ... + words_of<Plugins>().size())> out{};
    std::size_t n = 0;
    out[n++] = embedded_ls;
    auto append = [&](const auto& words) {
        for (std::string_view w : words) out[n++] = w;
    };
    (append(words_of<Plugins>()), ...);
    return out;
}

// Word J of plugin K repeats an earlier word (of an earlier plugin, of itself, or "ls").
template <std::size_t K, std::size_t J, class... Plugins>
constexpr bool app_word_repeats() {
    constexpr std::array<std::size_t, sizeof...(Plugins)> sizes{words_of<Plugins>().size()...};
    std::size_t index = 1 + J;
    for (std::size_t k = 0; k < K; ++k) index += sizes[k];
    constexpr auto words = all_app_words<Plugins...>();
    for (std::size_t i = 0; i < index; ++i)
        if (words[i] == words[index]) return true;
    return false;
}

template <class... Plugins>
consteval bool check_unique_app_names() {
    bool ok = true;
    [&]<std::size_t... K>(std::index_sequence<K...>) {
        auto check_plugin_words = [&]<std::size_t Kc>(std::integral_constant<std::size_t, Kc>) {
            using P = std::tuple_element_t<Kc, std::tuple<Plugins...>>;
            [&]<std::size_t... J>(std::index_sequence<J...>) {
                auto check_word = [&]<std::size_t Jc>(std::integral_constant<std::size_t, Jc>) {
                    if constexpr (app_word_repeats<Kc, Jc, Plugins...>())
                        ok = ok && duplicate_app_name<word_fixed<P, Jc>, name_of<P>, P>::value;
                };
                (check_word(std::integral_constant<std::size_t, J>{}), ...);
            }(std::make_index_sequence<words_of<P>().size()>{});
        };
        (check_plugin_words(std::integral_constant<std::size_t, K>{}), ...);
    }(std::index_sequence_for<Plugins...>{});
    return ok;
}

// Every plugin well-formed first, so that a missing member is not followed by a cascade.
template <class... Plugins>
consteval bool check_app() {
    if constexpr (!(check_app_plugin<Plugins>() && ...)) return false;
    else return check_unique_app_names<Plugins...>();
}

}  // namespace detail
}  // namespace orchard
