// What makes a type a plugin: a compile-time name, a params struct, and the members of its role.
#pragma once

#include <orchard/detail/fixed_string.hpp>
#include <orchard/reflect.hpp>

#include <concepts>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace orchard {

// What a plugin's validate() may return instead of a bare bool: the reason it failed.
class validation {
public:
    static validation passed() { return validation{}; }
    static validation failed(std::string reason) {
        validation v;
        v.ok_ = false;
        v.reason_ = std::move(reason);
        return v;
    }
    bool ok() const noexcept { return ok_; }
    explicit operator bool() const noexcept { return ok_; }
    const std::string& reason() const noexcept { return reason_; }

private:
    bool ok_ = true;
    std::string reason_;
};

// A plugin: `static constexpr std::string_view name`, `using params_type = <aggregate>`, and a
// constructor from its params (optionally also taking the name it is loaded under).
template <class P>
concept plugin = requires {
    { P::name } -> std::convertible_to<std::string_view>;
    typename P::params_type;
} && reflect::aggregate<typename P::params_type> &&
                 (std::constructible_from<P, const typename P::params_type&> ||
                  std::constructible_from<P, const typename P::params_type&, std::string_view>);

// A burst plugin (Flux Burst's role): accepts jobs one by one, then runs what it accepted.
template <class P, class Job>
concept burst_plugin = plugin<P> && requires(P& p, const Job& job) {
    { p.schedule(job) } -> std::same_as<bool>;
    p.run();
};

// Optional members of plugins.
template <class P>
concept validating_plugin = requires(const P& p) {
    { p.validate() } -> std::convertible_to<validation>;
} || requires(const P& p) {
    { p.validate() } -> std::same_as<bool>;
};
template <class P>
concept cleaning_plugin = requires(P& p) { p.cleanup(); };
template <class P>
concept named_cleaning_plugin = requires(P& p, std::string_view what) { p.cleanup(what); };
template <class P>
concept unbursting_plugin = requires(P& p) { p.unburst(); };

// The plugin's version, if it declares `static constexpr std::string_view version`.
template <class P>
constexpr std::string_view plugin_version() noexcept {
    if constexpr (requires { { P::version } -> std::convertible_to<std::string_view>; }) return P::version;
    else return {};
}

// Runs the plugin's validate(), if it has one; a plugin without one is valid.
template <class P>
validation validate_plugin(const P& p) {
    if constexpr (requires { { p.validate() } -> std::same_as<bool>; }) {
        return p.validate() ? validation::passed() : validation::failed("validate() returned false");
    } else if constexpr (validating_plugin<P>) {
        return p.validate();
    } else {
        return validation::passed();
    }
}

namespace detail {

template <class>
inline constexpr bool plugin_always_false = false;

// Instantiated only to fail: the plugin's name and what it lacks are its template arguments, which
// both compilers print in the error, right before or after the sentence below.
template <fixed_string Plugin, fixed_string Missing, class Type>
struct plugin_error {
    static_assert(plugin_always_false<Type>,
                  "orchard: a plugin lacks something its role requires: the plugin's name and the missing member "
                  "are the first two template arguments of orchard::detail::plugin_error in this error");
    static constexpr bool value = false;
};

// True for a well-formed plugin; otherwise a compile error naming the plugin and what it lacks.
template <class P>
consteval bool check_plugin() {
    if constexpr (!requires { { P::name } -> std::convertible_to<std::string_view>; }) {
        return plugin_error<"(unnamed)", "static constexpr std::string_view name = \"...\";", P>::value;
    } else if constexpr (!requires { typename P::params_type; }) {
        return plugin_error<name_of<P>, "using params_type = <an aggregate struct of its parameters>;", P>::value;
    } else if constexpr (!reflect::aggregate<typename P::params_type>) {
        return plugin_error<name_of<P>, "params_type must be a plain aggregate struct", P>::value;
    } else if constexpr (!plugin<P>) {
        return plugin_error<name_of<P>, "a constructor P(const params_type&) or P(const params_type&, std::string_view name)",
                            P>::value;
    } else {
        return true;
    }
}

template <class P, class Job>
consteval bool check_burst_plugin() {
    if constexpr (!check_plugin<P>()) {
        return false;
    } else if constexpr (!requires(P& p, const Job& job) { { p.schedule(job) } -> std::same_as<bool>; }) {
        return plugin_error<name_of<P>, "bool schedule(const Job&)", P>::value;
    } else if constexpr (!requires(P& p) { p.run(); }) {
        return plugin_error<name_of<P>, "void run()", P>::value;
    } else {
        return true;
    }
}

}  // namespace detail
}  // namespace orchard
