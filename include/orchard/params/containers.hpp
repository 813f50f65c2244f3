// std::vector<T> and std::array<T, N> as "a,b,c", std::map<std::string, T> as "k=v,k2=v2", with quoting and escaping.
#pragma once

#include <orchard/params/detail/text.hpp>
#include <orchard/params/value_traits.hpp>

#include <array>
#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace orchard {
namespace detail {

template <class T>
verdict parse_item(std::string_view item, std::size_t index, T& out) {
    auto r = value_traits<T>::parse(item, out);
    if (!r.ok())
        return verdict::failure("has item " + std::to_string(index + 1) + " (\"" + std::string(item) + "\") that " +
                                r.reason());
    return r;
}

// What std::vector and std::array share: one text split into items; items parsed into a sequence
// already of their count, which replaces `out` only when every item parsed; a list written back.
template <class Traits>
verdict parse_list_text(std::string_view text, typename Traits::list_type& out) {
    std::string error;
    const auto items = split_list(text, ',', error);
    if (!items) return verdict::failure(error);
    std::vector<std::string_view> views(items->begin(), items->end());
    return Traits::parse_items(views, out);
}

template <class List>
verdict parse_items_into(const std::vector<std::string_view>& items, List values, List& out) {
    for (std::size_t i = 0; i < items.size(); ++i)
        if (auto r = parse_item(items[i], i, values[i]); !r.ok()) return r;
    out = std::move(values);
    return {};
}

template <class T, class List>
std::string format_list(const List& values) {
    std::string out;
    bool first = true;
    for (const auto& v : values) {
        if (!first) out += ',';  // not `"," + item`: see the map's format below
        first = false;
        out += quote_list_item(value_traits<T>::format(v), ',');
    }
    return out;
}

}  // namespace detail

template <parsable_value T, class Allocator>
struct value_traits<std::vector<T, Allocator>> {
    using list_type = std::vector<T, Allocator>;

    static std::string describe() { return "a comma-separated list, each item " + value_traits<T>::describe(); }

    static verdict parse(std::string_view text, list_type& out) {
        return detail::parse_list_text<value_traits>(text, out);
    }

    // Items that arrive already split, e.g. from a JSON array.
    static verdict parse_items(const std::vector<std::string_view>& items, list_type& out) {
        return detail::parse_items_into(items, list_type(items.size()), out);
    }

    static std::string format(const list_type& values) { return detail::format_list<T>(values); }
};

// A fixed number of items, as a list of exactly N: "10.0.0.1,10.0.0.2" into std::array<std::string, 2>.
template <parsable_value T, std::size_t N>
struct value_traits<std::array<T, N>> {
    using list_type = std::array<T, N>;

    static std::string describe() {
        return "a comma-separated list of exactly " + std::to_string(N) + (N == 1 ? " item" : " items") + ", each " +
               value_traits<T>::describe();
    }

    static verdict parse(std::string_view text, list_type& out) {
        return detail::parse_list_text<value_traits>(text, out);
    }

    static verdict parse_items(const std::vector<std::string_view>& items, list_type& out) {
        if (items.size() != N)
            return verdict::failure("has " + std::to_string(items.size()) + (items.size() == 1 ? " item" : " items") +
                                    ", not " + std::to_string(N));
        return detail::parse_items_into(items, list_type{}, out);
    }

    static std::string format(const list_type& values) { return detail::format_list<T>(values); }
};

template <parsable_value T, class Compare, class Allocator>
struct value_traits<std::map<std::string, T, Compare, Allocator>> {
    using map_type = std::map<std::string, T, Compare, Allocator>;

    static std::string describe() {
        return "comma-separated key=value pairs, each value " + value_traits<T>::describe();
    }

    static verdict parse(std::string_view text, map_type& out) {
        std::string error;
        const auto items = detail::split_list(text, ',', error);
        if (!items) return verdict::failure(error);
        std::vector<std::pair<std::string_view, std::string_view>> pairs;
        for (std::size_t i = 0; i < items->size(); ++i) {
            const std::string_view item = (*items)[i];
            const std::size_t eq = item.find('=');
            if (eq == item.npos)
                return verdict::failure("has item " + std::to_string(i + 1) + " (\"" + std::string(item) +
                                        "\") that is not key=value");
            pairs.emplace_back(detail::trim(item.substr(0, eq)), detail::trim(item.substr(eq + 1)));
        }
        return parse_pairs(pairs, out);
    }

    // Pairs that arrive already split, e.g. from a JSON object.
    static verdict parse_pairs(const std::vector<std::pair<std::string_view, std::string_view>>& pairs, map_type& out) {
        map_type values;
        for (std::size_t i = 0; i < pairs.size(); ++i) {
            const auto& [key, text] = pairs[i];
            if (key.empty()) return verdict::failure("has item " + std::to_string(i + 1) + " with an empty key");
            T value{};
            if (auto r = value_traits<T>::parse(text, value); !r.ok())
                return verdict::failure("has key \"" + std::string(key) + "\" whose value \"" + std::string(text) +
                                        "\" " + r.reason());
            if (!values.emplace(std::string(key), std::move(value)).second)
                return verdict::failure("has key \"" + std::string(key) + "\" twice");
        }
        out = std::move(values);
        return {};
    }

    static std::string format(const map_type& values) {
        std::string out;
        for (const auto& [key, value] : values) {
            // Appended piece by piece: `"," + std::string` trips g++-12's -Wrestrict at -O3.
            if (!out.empty()) out += ',';
            out += detail::quote_list_item(key, ',');
            out += '=';
            out += detail::quote_list_item(value_traits<T>::format(value), ',');
        }
        return out;
    }
};

}  // namespace orchard
