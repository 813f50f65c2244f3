// What makes a type a plugin: a compile-time name, optional parameters, and the members of its role,
// each checked against the signature Orchard calls it with.
#pragma once

#include <orchard/detail/diagnostics.hpp>
#include <orchard/detail/fixed_string.hpp>
#include <orchard/detail/member_probes.hpp>
#include <orchard/reflect.hpp>
#include <orchard/verdict.hpp>

#include <array>
#include <concepts>
#include <cstddef>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace orchard {

// The parameters of a plugin that declares none.
struct no_params {};

// A plugin's parameters: its `params_type`, or no_params when it declares none.
template <class P>
struct plugin_params {
    using type = no_params;
};
template <class P>
    requires requires { typename P::params_type; }
struct plugin_params<P> {
    using type = typename P::params_type;
};
template <class P>
using params_of = typename plugin_params<P>::type;

// A plugin: `static constexpr std::string_view name`, optionally `using params_type = <aggregate>`,
// and a constructor from its params and the name it is loaded under, from its params alone, or from
// nothing. Optional: `static constexpr std::string_view version`, `static constexpr
// std::array<std::string_view, N> aliases` (other names it answers to), `validate()`.
template <class P>
concept plugin =
    requires {
        { P::name } -> std::convertible_to<std::string_view>;
    } && reflect::aggregate<params_of<P>> &&
    (std::constructible_from<P, const params_of<P>&, std::string_view> ||
     std::constructible_from<P, const params_of<P>&> || std::default_initializable<P>);

// Constructs P the way it accepts, by calling make(args...) with its constructor's arguments (make
// constructs in place: plugins need not be movable).
template <class P, class Make>
decltype(auto) construct_plugin(const params_of<P>& params, std::string_view instance, Make&& make) {
    if constexpr (std::constructible_from<P, const params_of<P>&, std::string_view>) return make(params, instance);
    else if constexpr (std::constructible_from<P, const params_of<P>&>) return make(params);
    else return make();
}

// A burst plugin (Flux Burst's role): accepts jobs one by one, then runs what it accepted.
template <class P, class Job>
concept burst_plugin = plugin<P> && requires(P& p, const Job& job) {
    { p.schedule(job) } -> std::same_as<bool>;
    p.run();
};

namespace detail {

template <class P>
struct wrong_validate {
    static_assert(always_false<P>,
                  "orchard: a plugin has a member named validate, but Orchard calls orchard::verdict validate() "
                  "const (or bool validate() const) before using the plugin; give it that signature or another "
                  "name (the plugin is the template argument of orchard::detail::wrong_validate)");
};
template <class P>
struct wrong_cleanup {
    static_assert(always_false<P>,
                  "orchard: a plugin has a member named cleanup, but Orchard calls void cleanup() or void "
                  "cleanup(std::string_view what) to tear down what it created; give it one of those signatures "
                  "or another name (the plugin is the template argument of orchard::detail::wrong_cleanup)");
};
template <class P>
struct wrong_unburst {
    static_assert(always_false<P>,
                  "orchard: a plugin has a member named unburst, but Orchard calls void unburst() to scale "
                  "bursted resources back; give it that signature or another name (the plugin is the template "
                  "argument of orchard::detail::wrong_unburst)");
};
template <class P>
struct wrong_aliases {
    static_assert(always_false<P>,
                  "orchard: a plugin has a member named aliases, but Orchard reads static constexpr "
                  "std::array<std::string_view, N> aliases = {...}; (the other names it answers to)");
};

}  // namespace detail

// A plugin's optional members, each found by name and checked: `has_X` when it has X with the
// signature Orchard calls; a member named X with another signature is reported as an error.
template <class P>
struct plugin_members {
    static constexpr bool named_validate = detail::has_member_validate<P>();
    static constexpr bool validate_says_bool = requires(const P& p) {
        { p.validate() } -> std::same_as<bool>;
    };
    static constexpr bool fits_validate = validate_says_bool || requires(const P& p) {
        { p.validate() } -> std::convertible_to<verdict>;
    };
    static constexpr bool named_cleanup = detail::has_member_cleanup<P>();
    static constexpr bool has_plain_cleanup = named_cleanup && requires(P& p) { p.cleanup(); };
    static constexpr bool has_named_cleanup =
        named_cleanup && requires(P& p, std::string_view what) { p.cleanup(what); };
    static constexpr bool named_unburst = detail::has_member_unburst<P>();
    static constexpr bool has_unburst = named_unburst && requires(P& p) { p.unburst(); };
    static constexpr bool named_aliases = requires { P::aliases; };
    static constexpr bool fits_aliases = requires {
        std::size(P::aliases);
        { P::aliases[0] } -> std::convertible_to<std::string_view>;
    };

    static constexpr bool has_validate = named_validate && fits_validate;
    static constexpr bool has_aliases = named_aliases && fits_aliases;
    static constexpr bool valid = (!named_validate || fits_validate) &&
                                  (!named_cleanup || has_plain_cleanup || has_named_cleanup) &&
                                  (!named_unburst || has_unburst) && (!named_aliases || fits_aliases);

private:
    using r1 = detail::reported<named_validate && !fits_validate, detail::wrong_validate<P>>;
    using r2 = detail::reported<named_cleanup && !has_plain_cleanup && !has_named_cleanup, detail::wrong_cleanup<P>>;
    using r3 = detail::reported<named_unburst && !has_unburst, detail::wrong_unburst<P>>;
    using r4 = detail::reported<named_aliases && !fits_aliases, detail::wrong_aliases<P>>;
};

// Whether a plugin has each optional member (with the signature Orchard calls).
template <class P>
concept validating_plugin = plugin_members<P>::has_validate;
template <class P>
concept cleaning_plugin = plugin_members<P>::has_plain_cleanup;
template <class P>
concept named_cleaning_plugin = plugin_members<P>::has_named_cleanup;
template <class P>
concept unbursting_plugin = plugin_members<P>::has_unburst;

// The plugin's version, if it declares `static constexpr std::string_view version`.
template <class P>
constexpr std::string_view plugin_version() noexcept {
    if constexpr (requires {
                      { P::version } -> std::convertible_to<std::string_view>;
                  })
        return P::version;
    else return {};
}

// The number of aliases a plugin declares.
template <class P>
constexpr std::size_t alias_count() noexcept {
    if constexpr (plugin_members<P>::has_aliases) return std::size(P::aliases);
    else return 0;
}

// The plugin's name followed by its aliases: every name it answers to.
template <class P>
constexpr std::array<std::string_view, 1 + alias_count<P>()> names_of() noexcept {
    std::array<std::string_view, 1 + alias_count<P>()> out{};
    out[0] = P::name;
    if constexpr (alias_count<P>() > 0)
        for (std::size_t i = 0; i < alias_count<P>(); ++i) out[i + 1] = P::aliases[i];
    return out;
}

// Runs the plugin's validate(), if it has one; a plugin without one is valid.
template <class P>
verdict validate_plugin(const P& p) {
    if constexpr (plugin_members<P>::validate_says_bool && plugin_members<P>::named_validate) {
        return p.validate() ? verdict::success() : verdict::failure("validate() returned false");
    } else if constexpr (plugin_members<P>::has_validate) {
        return p.validate();
    } else {
        return verdict::success();
    }
}

namespace detail {

// Instantiated only to fail: the plugin's name and what it lacks are its template arguments, which
// both compilers print in the error, right before or after the sentence below.
template <fixed_string Plugin, fixed_string Missing, class Type>
struct plugin_error {
    static_assert(always_false<Type>,
                  "orchard: a plugin lacks something its role requires: the plugin's name and the missing member "
                  "are the first two template arguments of orchard::detail::plugin_error in this error");
};

template <class P>
consteval auto shown_name() {
    if constexpr (requires {
                      { P::name } -> std::convertible_to<std::string_view>;
                  })
        return name_of<P>;
    else return fixed_string("(unnamed)");
}

// Whether P is a well-formed plugin; what is wrong is reported by plugin_report<P>, which the
// templates that take plugins (registry, burst client, app) instantiate.
template <class P>
struct plugin_check {
    static constexpr bool named = requires {
        { P::name } -> std::convertible_to<std::string_view>;
    };
    static constexpr bool aggregate_params = reflect::aggregate<params_of<P>>;
    static constexpr bool constructible = named && aggregate_params && plugin<P>;
    static constexpr bool valid = constructible && plugin_members<P>::valid;
};

template <class P>
struct plugin_report {
    using check = plugin_check<P>;
    using r1 = reported<!check::named, plugin_error<"(unnamed)", "std::string_view name", P>>;
    using r2 = reported<check::named && !check::aggregate_params,
                        plugin_error<shown_name<P>(), "params_type: an aggregate", P>>;
    using r3 = reported<check::named && check::aggregate_params && !check::constructible,
                        plugin_error<shown_name<P>(), "a constructor from its params", P>>;
    using r4 = decltype(sizeof(plugin_members<P>));
};

// What a burst plugin must have besides being a plugin.
template <class P, class Job>
struct burst_plugin_check {
    static constexpr bool schedules = requires(P& p, const Job& job) {
        { p.schedule(job) } -> std::same_as<bool>;
    };
    static constexpr bool runs = requires(P& p) { p.run(); };
    static constexpr bool valid = plugin_check<P>::valid && schedules && runs;
};

template <class P, class Job>
struct burst_plugin_report {
    using check = burst_plugin_check<P, Job>;
    using r1 = decltype(sizeof(plugin_report<P>));
    using r2 = reported<plugin_check<P>::named && !check::schedules,
                        plugin_error<shown_name<P>(), "bool schedule(const Job&)", P>>;
    using r3 = reported<plugin_check<P>::named && !check::runs, plugin_error<shown_name<P>(), "void run()", P>>;
};

}  // namespace detail
}  // namespace orchard
