// registry<Plugins...>: a compile-time set of named plugin types, and dispatch from a run-time name.
#pragma once

#include <orchard/error.hpp>
#include <orchard/params/detail/text.hpp>
#include <orchard/plugin/concepts.hpp>

#include <boost/hana/for_each.hpp>
#include <boost/hana/tuple.hpp>
#include <boost/hana/type.hpp>

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace orchard {

// A name that no plugin of the registry has; the message lists the ones it does have.
class unknown_plugin : public error {
public:
    unknown_plugin(std::string_view name, std::vector<std::string> known)
        : error(render(name, known)), name_(name), known_(std::move(known)) {}

    const std::string& name() const noexcept { return name_; }
    const std::vector<std::string>& known() const noexcept { return known_; }

private:
    static std::string render(std::string_view name, const std::vector<std::string>& known) {
        std::string out = "unknown plugin \"" + std::string(name) + "\"; known plugins: ";
        for (std::size_t i = 0; i < known.size(); ++i) out += (i ? ", " : "") + known[i];
        if (known.empty()) out += "(none)";
        if (const auto guess = detail::closest_match(name, known)) out += "; did you mean \"" + *guess + "\"?";
        return out;
    }
    std::string name_;
    std::vector<std::string> known_;
};

namespace detail {

template <fixed_string Name, class Type>
struct duplicate_plugin_name {
    static_assert(plugin_always_false<Type>,
                  "orchard: two plugins of one registry have the same name (the first template argument of "
                  "orchard::detail::duplicate_plugin_name in this error); names must be unique");
    static constexpr bool value = false;
};

template <class... Plugins>
consteval bool check_unique_names() {
    bool ok = true;
    [&]<std::size_t... I>(std::index_sequence<I...>) {
        // For each plugin, a duplicate earlier in the list is reported with the plugin's name.
        auto check_one = [&]<std::size_t K>(std::integral_constant<std::size_t, K>) {
            using P = std::tuple_element_t<K, std::tuple<Plugins...>>;
            constexpr bool duplicate = [] {
                constexpr std::array<std::string_view, sizeof...(Plugins)> all{std::string_view(Plugins::name)...};
                for (std::size_t j = 0; j < K; ++j)
                    if (all[j] == all[K]) return true;
                return false;
            }();
            if constexpr (duplicate) ok = ok && duplicate_plugin_name<name_of<P>, P>::value;
        };
        (check_one(std::integral_constant<std::size_t, I>{}), ...);
    }(std::index_sequence_for<Plugins...>{});
    return ok;
}

}  // namespace detail

template <class... Plugins>
class registry {
    static_assert((detail::check_plugin<Plugins>() && ...), "orchard: every type of a registry must be a plugin");
    static_assert(detail::check_unique_names<Plugins...>(), "orchard: plugin names must be unique");

public:
    // The plugin types, as a Hana tuple of types.
    static constexpr auto types = boost::hana::tuple_t<Plugins...>;
    static constexpr std::size_t size = sizeof...(Plugins);

    // Names in registration order.
    static constexpr std::array<std::string_view, size> names() noexcept { return {std::string_view(Plugins::name)...}; }

    static constexpr bool contains(std::string_view name) noexcept { return index_of(name) < size; }

    // Position of the plugin called `name`, or size when there is none.
    static constexpr std::size_t index_of(std::string_view name) noexcept {
        constexpr auto all = names();
        for (std::size_t i = 0; i < size; ++i)
            if (all[i] == name) return i;
        return size;
    }

    // Calls f(boost::hana::type_c<P>) for the plugin P called `name` and returns what f returns
    // (the same type for every plugin). No virtual call, no allocation; an unknown name throws
    // orchard::unknown_plugin, listing the choices.
    template <class F>
    static decltype(auto) visit(std::string_view name, F&& f) {
        const std::size_t index = index_of(name);
        if (index == size) {
            constexpr auto all = names();
            throw unknown_plugin(name, std::vector<std::string>(all.begin(), all.end()));
        }
        return dispatch<0>(index, f);
    }

    // Calls f(boost::hana::type_c<P>) for every plugin, in registration order.
    template <class F>
    static void for_each(F&& f) {
        boost::hana::for_each(types, f);
    }

private:
    template <std::size_t I, class F>
    static decltype(auto) dispatch(std::size_t index, F& f) {
        using P = std::tuple_element_t<I, std::tuple<Plugins...>>;
        if constexpr (I + 1 == size) {
            return f(boost::hana::type_c<P>);
        } else {
            using first_result = decltype(f(boost::hana::type_c<std::tuple_element_t<0, std::tuple<Plugins...>>>));
            static_assert(std::is_same_v<decltype(f(boost::hana::type_c<P>)), first_result>,
                          "orchard: registry::visit(name, f) needs f to return the same type for every plugin");
            if (index == I) return f(boost::hana::type_c<P>);
            return dispatch<I + 1>(index, f);
        }
    }
};

}  // namespace orchard
