// std::chrono::duration values: "90" (in the duration's own unit), "250ms", "1h30m", "2d", "01:30:00".
#pragma once

#include <orchard/params/detail/int128.hpp>
#include <orchard/params/value_traits.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <ratio>
#include <string>
#include <string_view>

namespace orchard {
namespace detail {

inline constexpr int128 ns_per_second = 1'000'000'000;
// Keeps intermediate values far from overflow: about 10^12 years, in nanoseconds.
inline constexpr int128 max_duration_ns = int128(1) << 100;

template <class Period>
constexpr std::string_view unit_name() {
    if constexpr (std::ratio_equal_v<Period, std::nano>) return "nanoseconds";
    else if constexpr (std::ratio_equal_v<Period, std::micro>) return "microseconds";
    else if constexpr (std::ratio_equal_v<Period, std::milli>) return "milliseconds";
    else if constexpr (std::ratio_equal_v<Period, std::ratio<1>>) return "seconds";
    else if constexpr (std::ratio_equal_v<Period, std::ratio<60>>) return "minutes";
    else if constexpr (std::ratio_equal_v<Period, std::ratio<3600>>) return "hours";
    else if constexpr (std::ratio_equal_v<Period, std::ratio<86400>>) return "days";
    else if constexpr (std::ratio_equal_v<Period, std::ratio<604800>>) return "weeks";
    else return "ticks";
}

// Nanoseconds in one unit suffix, or 0 when the suffix is not a unit.
constexpr int128 unit_nanoseconds(std::string_view unit) noexcept {
    if (unit == "ns") return 1;
    if (unit == "us" || unit == "\u00b5s") return 1'000;
    if (unit == "ms") return 1'000'000;
    if (unit == "s") return ns_per_second;
    if (unit == "m" || unit == "min") return 60 * ns_per_second;
    if (unit == "h") return 3600 * ns_per_second;
    if (unit == "d") return 86400 * ns_per_second;
    if (unit == "w") return 604800 * ns_per_second;
    return 0;
}

// Reads a run of digits into `out`: how many there were, or -1 when they overflow.
constexpr int read_digits(std::string_view& s, int128& out) noexcept {
    std::size_t n = 0;
    out = 0;
    while (n < s.size() && is_digit(s[n])) {
        out = out * 10 + (s[n] - '0');
        if (out > max_duration_ns) return -1;
        ++n;
    }
    s.remove_prefix(n);
    return int(n);
}

// "1h30m", "250ms", "1.5h", "90 s": the total in nanoseconds.
inline std::optional<int128> parse_unit_sequence(std::string_view s, std::string& why) {
    int128 total = 0;
    bool any = false;
    while (!(s = trim(s)).empty()) {
        int128 whole = 0;
        const int whole_digits = read_digits(s, whole);
        if (whole_digits <= 0) {
            why = whole_digits < 0 ? "is out of range" : "is not a duration";
            return std::nullopt;
        }
        int128 fraction = 0, scale = 1;
        if (!s.empty() && s.front() == '.') {
            s.remove_prefix(1);
            const int digits = read_digits(s, fraction);
            if (digits <= 0 || digits > 18) {
                why = "is not a duration";
                return std::nullopt;
            }
            for (int i = 0; i < digits; ++i) scale *= 10;
        }
        s = trim(s);
        std::size_t unit_length = 0;
        while (unit_length < s.size() && !is_digit(s[unit_length]) && !is_space(s[unit_length]) &&
               s[unit_length] != '.')
            ++unit_length;
        const int128 unit = unit_nanoseconds(s.substr(0, unit_length));
        if (unit == 0) {
            why = unit_length == 0 ? "has a number without a unit (use ns, us, ms, s, m, h, d or w)"
                                   : "has an unknown unit '" + std::string(s.substr(0, unit_length)) +
                                         "' (use ns, us, ms, s, m, h, d or w)";
            return std::nullopt;
        }
        s.remove_prefix(unit_length);
        if ((fraction * unit) % scale != 0) {
            why = "is finer than a nanosecond";
            return std::nullopt;
        }
        total += whole * unit + fraction * unit / scale;
        if (total > max_duration_ns) {
            why = "is out of range";
            return std::nullopt;
        }
        any = true;
    }
    if (!any) why = "is empty";
    return any ? std::optional<int128>(total) : std::nullopt;
}

// Batch-system clock forms: "MM:SS", "HH:MM:SS", "D-HH", "D-HH:MM", "D-HH:MM:SS".
inline std::optional<int128> parse_clock(std::string_view s, std::string& why) {
    int128 days = 0;
    const std::size_t dash = s.find('-');
    if (dash != s.npos) {
        std::string_view d = s.substr(0, dash);
        if (read_digits(d, days) <= 0 || !d.empty()) return why = "is not a duration", std::nullopt;
        s.remove_prefix(dash + 1);
    }
    int128 parts[3] = {};
    std::size_t count = 0;
    while (true) {
        if (count == 3 || read_digits(s, parts[count]) <= 0) return why = "is not a duration", std::nullopt;
        ++count;
        if (s.empty()) break;
        if (s.front() != ':') return why = "is not a duration", std::nullopt;
        s.remove_prefix(1);
    }
    int128 seconds = 0;
    if (dash != std::string_view::npos) {
        // after "D-": hours[:minutes[:seconds]]
        seconds = parts[0] * 3600 + (count > 1 ? parts[1] * 60 : 0) + (count > 2 ? parts[2] : 0);
        if ((count > 1 && parts[1] >= 60) || (count > 2 && parts[2] >= 60))
            return why = "has minutes or seconds above 59", std::nullopt;
    } else if (count == 3) {
        seconds = parts[0] * 3600 + parts[1] * 60 + parts[2];
        if (parts[1] >= 60 || parts[2] >= 60) return why = "has minutes or seconds above 59", std::nullopt;
    } else if (count == 2) {
        seconds = parts[0] * 60 + parts[1];
        if (parts[1] >= 60) return why = "has seconds above 59", std::nullopt;
    } else {
        return why = "is not a duration", std::nullopt;
    }
    return (days * 86400 + seconds) * ns_per_second;
}

}  // namespace detail

template <class Rep, class Period>
struct value_traits<std::chrono::duration<Rep, Period>> {
    using duration = std::chrono::duration<Rep, Period>;

    // The examples are only those this type can hold: "250ms" is not one for std::chrono::seconds.
    static std::string describe() {
        struct example {
            const char* text;
            detail::int128 ns;
        };
        constexpr example examples[] = {{"250ms", 250'000'000},
                                        {"90s", 90 * detail::ns_per_second},
                                        {"5m", 300 * detail::ns_per_second},
                                        {"1h30m", 5400 * detail::ns_per_second},
                                        {"2d", 172800 * detail::ns_per_second},
                                        {"01:30:00", 5400 * detail::ns_per_second}};
        const detail::int128 unit_ns = detail::int128(Period::num) * detail::ns_per_second / Period::den;
        std::string shown;
        for (const example& e : examples)
            if (std::is_floating_point_v<Rep> || unit_ns == 0 || e.ns % unit_ns == 0)
                shown += (shown.empty() ? "" : ", ") + std::string(e.text);
        const std::string whole = std::is_floating_point_v<Rep>
                                      ? "a duration"
                                      : "a whole number of " + std::string(detail::unit_name<Period>());
        return whole + " (e.g. " + shown + "; a bare number counts " + std::string(detail::unit_name<Period>()) + ")";
    }

    static verdict parse(std::string_view text, duration& out) {
        std::string_view t = detail::trim(text);
        if (t.empty()) return verdict::failure("is empty");
        bool negative = false;
        if (std::is_signed_v<Rep> && t.front() == '-') {
            negative = true;
            t.remove_prefix(1);
        }
        // A bare number is a count of the duration's own unit, as std::chrono would read it.
        if (t.find_first_not_of("0123456789.") == t.npos) {
            Rep count{};
            if (auto r = value_traits<Rep>::parse(t, count); !r.ok()) return r;
            out = duration(negative ? Rep(-count) : count);
            return {};
        }
        std::string why;
        const bool clock =
            t.find(':') != t.npos || (t.find('-') != t.npos && t.find_first_not_of("0123456789-:") == t.npos);
        const auto ns = clock ? detail::parse_clock(t, why) : detail::parse_unit_sequence(t, why);
        if (!ns) return verdict::failure(why);
        // ticks = ns * den / (num * 10^9), exactly for integer representations.
        const detail::int128 numerator = *ns * Period::den;
        const detail::int128 denominator = detail::int128(Period::num) * detail::ns_per_second;
        if constexpr (std::is_floating_point_v<Rep>) {
            const Rep ticks = Rep(static_cast<long double>(numerator) / static_cast<long double>(denominator));
            out = duration(negative ? -ticks : ticks);
        } else {
            if (numerator % denominator != 0)
                return verdict::failure("is not a whole number of " + std::string(detail::unit_name<Period>()));
            const detail::int128 ticks = numerator / denominator;
            if (ticks > detail::int128(std::numeric_limits<Rep>::max())) return verdict::failure("is out of range");
            out = duration(negative ? Rep(-Rep(ticks)) : Rep(ticks));
        }
        return {};
    }

    static std::string format(const duration& value) {
        if constexpr (std::is_floating_point_v<Rep>) {
            return value_traits<Rep>::format(std::chrono::duration<Rep>(value).count()) + "s";
        } else {
            const detail::int128 count = value.count();
            detail::int128 ns = (count < 0 ? -count : count) * Period::num * detail::ns_per_second;
            if (ns % Period::den != 0) return std::to_string(value.count());  // finer than a nanosecond
            ns /= Period::den;
            std::string out = count < 0 ? "-" : "";
            if (ns == 0) return "0s";
            struct unit {
                const char* suffix;
                detail::int128 size;
            };
            constexpr unit units[] = {{"d", 86400 * detail::ns_per_second},
                                      {"h", 3600 * detail::ns_per_second},
                                      {"m", 60 * detail::ns_per_second},
                                      {"s", detail::ns_per_second},
                                      {"ms", 1'000'000},
                                      {"us", 1'000},
                                      {"ns", 1}};
            for (const auto& u : units) {
                if (ns >= u.size) {
                    out += std::to_string(static_cast<long long>(ns / u.size)) + u.suffix;
                    ns %= u.size;
                }
            }
            return out;
        }
    }
};

}  // namespace orchard
