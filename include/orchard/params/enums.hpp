// Enums read by enumerator name (case-insensitive, '-' equal to '_'), names found at compile time.
#pragma once

#include <orchard/params/detail/text.hpp>
#include <orchard/params/value_traits.hpp>

#include <array>
#include <cstddef>
#include <limits>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace orchard {

// The values scanned for enumerator names; specialize for enums with values outside [-128, 127].
template <class E>
struct enum_range {
    static constexpr long long min = std::is_signed_v<std::underlying_type_t<E>> ? -128 : 0;
    static constexpr long long max = 127;
};

namespace detail {

template <auto Value>
consteval std::string_view enum_value_signature() noexcept {
    return __PRETTY_FUNCTION__;
}

// The compiler prints a named enumerator as `E::name` (or `name`) and any other value as a cast,
// `(E)5` or `(E)-3`: a name is a trailing identifier that does not start with a digit.
template <auto Value>
consteval std::string_view enumerator_name() noexcept {
    std::string_view s = enum_value_signature<Value>();
    s.remove_prefix(s.find("Value = ") + 8);
    s = s.substr(0, s.find_first_of(";]"));
    std::size_t begin = s.size();
    while (begin > 0 && (is_digit(s[begin - 1]) || s[begin - 1] == '_' ||
                         (to_lower(s[begin - 1]) >= 'a' && to_lower(s[begin - 1]) <= 'z')))
        --begin;
    const std::string_view name = s.substr(begin);
    return (name.empty() || is_digit(name.front())) ? std::string_view{} : name;
}

template <class E>
struct enum_entry {
    std::string_view name;
    E value;
};

template <class E, long long Min, long long... I>
consteval auto scan_enum(std::integer_sequence<long long, I...>) {
    constexpr std::array<std::string_view, sizeof...(I)> names{enumerator_name<static_cast<E>(Min + I)>()...};
    constexpr std::size_t count = [&] {
        std::size_t n = 0;
        for (auto name : names) n += !name.empty();
        return n;
    }();
    std::array<enum_entry<E>, count> entries{};
    std::size_t k = 0;
    for (std::size_t i = 0; i < names.size(); ++i)
        if (!names[i].empty()) entries[k++] = {names[i], static_cast<E>(Min + static_cast<long long>(i))};
    return entries;
}

template <class E>
inline constexpr auto enum_entries = [] {
    using U = std::underlying_type_t<E>;
    constexpr long long lo = std::max<long long>(enum_range<E>::min, (long long)std::numeric_limits<U>::min());
    constexpr long long hi = std::min<long long>(enum_range<E>::max, (long long)std::numeric_limits<U>::max());
    return scan_enum<E, lo>(std::make_integer_sequence<long long, hi - lo + 1>{});
}();

}  // namespace detail

// The names of E's enumerators, in value order.
template <class E>
    requires std::is_enum_v<E>
constexpr auto enumerator_names() {
    std::array<std::string_view, detail::enum_entries<E>.size()> out{};
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = detail::enum_entries<E>[i].name;
    return out;
}

template <class E>
    requires std::is_enum_v<E>
struct value_traits<E> {
    static_assert(detail::enum_entries<E>.size() > 0,
                  "orchard: no enumerator of this enum was found in the scanned range; specialize "
                  "orchard::enum_range<E> with the min and max of its values");

    static std::string describe() {
        std::string out = "one of: ";
        for (std::size_t i = 0; i < detail::enum_entries<E>.size(); ++i)
            out += (i ? ", " : "") + std::string(detail::enum_entries<E>[i].name);
        return out;
    }
    static verdict parse(std::string_view text, E& out) {
        const std::string_view t = detail::trim(text);
        for (const auto& entry : detail::enum_entries<E>)
            if (detail::key_equals(entry.name, t)) return out = entry.value, verdict{};
        return verdict::failure("is not a known name");
    }
    static std::string format(E value) {
        for (const auto& entry : detail::enum_entries<E>)
            if (entry.value == value) return std::string(entry.name);
        return std::to_string(static_cast<long long>(value));
    }
};

}  // namespace orchard
