// registry<Plugins...>: a compile-time set of named plugin types (names and aliases), dispatch from a
// run-time name without virtual calls, and the one message for a name that matches none.
#pragma once

#include <orchard/detail/diagnostics.hpp>
#include <orchard/detail/fixed_string.hpp>
#include <orchard/error.hpp>
#include <orchard/params/detail/text.hpp>
#include <orchard/plugin/concepts.hpp>

#include <boost/hana/for_each.hpp>
#include <boost/hana/tuple.hpp>
#include <boost/hana/type.hpp>

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace orchard {

// One of the names something may be called by, with its aliases, for messages.
struct name_choice {
    std::string name;
    std::vector<std::string> aliases{};
};

// A name that matches none of the known ones (a plugin, a command, a loaded instance...). The
// message lists them, aliases in brackets, and suggests the closest name or alias:
//   unknown plugin "hello-wrld"; known plugins: ls, hello-world (hw); did you mean "hello-world"?
class unknown_name : public error {
public:
    unknown_name(std::string_view what, std::string_view name, std::vector<name_choice> known)
        : error(render(what, name, known)), name_(name), known_(std::move(known)) {}

    const std::string& name() const noexcept { return name_; }
    // The known names, without aliases.
    std::vector<std::string> known() const {
        std::vector<std::string> out;
        for (const auto& k : known_) out.push_back(k.name);
        return out;
    }
    const std::vector<name_choice>& choices() const noexcept { return known_; }

private:
    static std::string render(std::string_view what, std::string_view name, const std::vector<name_choice>& known) {
        std::string out =
            "unknown " + std::string(what) + " \"" + std::string(name) + "\"; known " + std::string(what) + "s: ";
        std::vector<std::string_view> words;
        for (std::size_t i = 0; i < known.size(); ++i) {
            if (i != 0) out += ", ";
            out += known[i].name;
            words.push_back(known[i].name);
            for (std::size_t j = 0; j < known[i].aliases.size(); ++j) {
                out += (j == 0 ? " (" : ", ") + known[i].aliases[j];
                words.push_back(known[i].aliases[j]);
            }
            if (!known[i].aliases.empty()) out += ")";
        }
        if (known.empty()) out += "(none)";
        if (const auto guess = detail::closest_match(name, words)) out += "; did you mean \"" + *guess + "\"?";
        return out;
    }
    std::string name_;
    std::vector<name_choice> known_;
};

// A plugin name that no plugin of the registry has.
class unknown_plugin : public unknown_name {
public:
    unknown_plugin(std::string_view name, std::vector<name_choice> known)
        : unknown_name("plugin", name, std::move(known)) {}
};

namespace detail {

template <fixed_string Name, class Plugin>
struct duplicate_plugin_name {
    static_assert(always_false<Plugin>,
                  "orchard: a name or alias is taken twice in one registry (by two plugins, or twice by one); the "
                  "name is the first template argument of orchard::detail::duplicate_plugin_name in this error, the "
                  "plugin that takes it again the second");
};

template <class P, std::size_t J>
inline constexpr auto plugin_word = fixed_name<names_of<P>()[J].size() + 1>(names_of<P>()[J]);

// Reports word J of plugin P as taken twice; the word is only spelled out when there is one.
template <bool Found, class P, std::size_t J>
struct report_duplicate {
    using type = void;
};
template <class P, std::size_t J>
struct report_duplicate<true, P, J> {
    using type = reported<true, duplicate_plugin_name<plugin_word<P, J>, P>>;
};

// Where a name or alias first repeats an earlier one (reserved words count as earlier): the plugin
// and the position of the word among its names.
struct repeated_word {
    bool found = false;
    std::size_t plugin = 0;
    std::size_t word = 0;
};

template <std::size_t Reserved, class... Plugins>
consteval repeated_word find_repeated_word(const std::array<std::string_view, Reserved>& reserved) {
    std::vector<std::string_view> seen(reserved.begin(), reserved.end());
    repeated_word out;
    std::size_t k = 0;
    auto scan = [&](const auto& words) {
        for (std::size_t j = 0; j < words.size(); ++j) {
            for (std::string_view s : seen)
                if (!out.found && s == words[j]) out = {true, k, j};
            seen.push_back(words[j]);
        }
        ++k;
    };
    (scan(names_of<Plugins>()), ...);
    return out;
}

}  // namespace detail

template <class... Plugins>
class registry {
    static constexpr bool plugins_valid = (detail::plugin_check<Plugins>::valid && ...);
    using plugins_reported = decltype((sizeof(detail::plugin_report<Plugins>) + ... + 0));
    static constexpr auto repeated = [] {
        if constexpr (plugins_valid) return detail::find_repeated_word<0, Plugins...>({});
        else return detail::repeated_word{};
    }();
    using repeated_plugin = typename detail::type_at<repeated.plugin, Plugins...>::type;
    using repeated_reported = typename detail::report_duplicate<repeated.found, repeated_plugin, repeated.word>::type;

public:
    // Every plugin is well formed and every name and alias is unique (else a compile error says why).
    static constexpr bool valid = plugins_valid && !repeated.found;

    // The plugin types, as a Hana tuple of types.
    static constexpr auto types = boost::hana::tuple_t<Plugins...>;
    static constexpr std::size_t size = sizeof...(Plugins);

    // Names in registration order.
    static constexpr std::array<std::string_view, size> names() noexcept {
        return {std::string_view(Plugins::name)...};
    }

    // Position of the plugin called `name` (or that has it as an alias), or size when there is none.
    static constexpr std::size_t index_of(std::string_view name) noexcept {
        std::size_t index = size, k = 0;
        auto look = [&](const auto& words) {
            for (std::string_view w : words)
                if (index == size && w == name) index = k;
            ++k;
        };
        (look(names_of<Plugins>()), ...);
        return index;
    }

    static constexpr bool contains(std::string_view name) noexcept { return index_of(name) < size; }

    // The name of the plugin that `name` is the name or an alias of; empty when there is none.
    static constexpr std::string_view resolve(std::string_view name) noexcept {
        const std::size_t index = index_of(name);
        return index < size ? names()[index] : std::string_view{};
    }

    // Each plugin's name and aliases, for messages.
    static std::vector<name_choice> choices() {
        std::vector<name_choice> out;
        auto add = [&](const auto& words) {
            name_choice c{std::string(words[0])};
            for (std::size_t i = 1; i < words.size(); ++i) c.aliases.emplace_back(words[i]);
            out.push_back(std::move(c));
        };
        (add(names_of<Plugins>()), ...);
        return out;
    }

    // Calls f(boost::hana::type_c<P>) for the plugin P called `name` (or aliased so) and returns what
    // f returns (the same type for every plugin). No virtual call, no allocation; an unknown name
    // throws orchard::unknown_plugin, listing the choices.
    template <class F>
    static decltype(auto) visit(std::string_view name, F&& f) {
        using first_result = decltype(f(boost::hana::type_c<typename detail::type_at<0, Plugins...>::type>));
        constexpr bool same = (std::is_same_v<decltype(f(boost::hana::type_c<Plugins>)), first_result> && ...);
        static_assert(same, "orchard: registry::visit(name, f) needs f to return the same type for every plugin");
        const std::size_t index = index_of(name);
        if (index == size) throw unknown_plugin(name, choices());
        if constexpr (same) return dispatch<0>(index, f);
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
            if (index == I) return f(boost::hana::type_c<P>);
            return dispatch<I + 1>(index, f);
        }
    }
};

}  // namespace orchard
