// The customization point that turns text into a typed value, and the built-in scalar types.
#pragma once

#include <orchard/params/detail/text.hpp>
#include <orchard/verdict.hpp>

#include <charconv>
#include <cmath>
#include <concepts>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <utility>

namespace orchard {

// The one customization point for value types. Specialize it for your type with:
//   static std::string describe();                          what a valid value looks like
//   static verdict parse(std::string_view, T& out);     text -> value (out untouched on failure)
//   static std::string format(const T&);                     value -> text that parse() reads back
// Orchard provides it for bool, integers, floating point, strings, paths, durations, byte sizes,
// enums, std::vector and std::map (see the other headers of params/).
template <class T, class Enable = void>
struct value_traits;

template <class T>
concept parsable_value = requires(std::string_view text, T& out, const T& value) {
    { value_traits<T>::describe() } -> std::convertible_to<std::string>;
    { value_traits<T>::parse(text, out) } -> std::same_as<verdict>;
    { value_traits<T>::format(value) } -> std::convertible_to<std::string>;
};

template <>
struct value_traits<bool> {
    static std::string describe() { return "a boolean (true/false, yes/no, on/off, 1/0)"; }
    static verdict parse(std::string_view text, bool& out) {
        const std::string_view t = detail::trim(text);
        for (std::string_view yes : {"true", "1", "yes", "on"})
            if (detail::iequals(t, yes)) return out = true, verdict{};
        for (std::string_view no : {"false", "0", "no", "off"})
            if (detail::iequals(t, no)) return out = false, verdict{};
        return verdict::failure("is not a boolean");
    }
    static std::string format(bool value) { return value ? "true" : "false"; }
};

template <class T>
    requires(std::integral<T> && !std::same_as<T, bool> && !std::same_as<T, char>)
struct value_traits<T> {
    static std::string describe() {
        return "an integer in [" + std::to_string(+std::numeric_limits<T>::min()) + ", " +
               std::to_string(+std::numeric_limits<T>::max()) + "]";
    }
    static verdict parse(std::string_view text, T& out) {
        std::string_view t = detail::trim(text);
        if (t.size() > 1 && t.front() == '+' && t[1] != '-') t.remove_prefix(1);
        if (t.empty()) return verdict::failure("is empty");
        if constexpr (std::is_unsigned_v<T>) {
            // from_chars rejects a sign for unsigned types; tell a negative number from garbage.
            if (t.front() == '-') {
                const std::string_view digits = t.substr(1);
                if (digits.empty() || digits.find_first_not_of("0123456789") != digits.npos)
                    return verdict::failure("is not an integer");
                if (digits.find_first_not_of('0') == digits.npos) return out = 0, verdict{};
                return verdict::failure("is out of range (negative)");
            }
        }
        T value{};
        const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
        if (ec == std::errc::result_out_of_range) return verdict::failure("is out of range");
        if (ec != std::errc{} || end != t.data() + t.size()) return verdict::failure("is not an integer");
        out = value;
        return {};
    }
    static std::string format(T value) { return std::to_string(+value); }
};

template <std::floating_point T>
struct value_traits<T> {
    static std::string describe() { return "a number"; }
    static verdict parse(std::string_view text, T& out) {
        std::string_view t = detail::trim(text);
        if (t.size() > 1 && t.front() == '+' && t[1] != '-') t.remove_prefix(1);
        if (t.empty()) return verdict::failure("is empty");
        T value{};
        const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
        if (ec == std::errc::result_out_of_range) return verdict::failure("is out of range");
        if (ec != std::errc{} || end != t.data() + t.size()) return verdict::failure("is not a number");
        if (!std::isfinite(value)) return verdict::failure("is not a finite number");
        out = value;
        return {};
    }
    static std::string format(T value) {
        char buffer[64];
        const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
        return ec == std::errc{} ? std::string(buffer, end) : std::to_string(value);
    }
};

template <>
struct value_traits<char> {
    static std::string describe() { return "a single character"; }
    static verdict parse(std::string_view text, char& out) {
        if (text.size() != 1) return verdict::failure("is not a single character");
        out = text.front();
        return {};
    }
    static std::string format(char value) { return std::string(1, value); }
};

template <>
struct value_traits<std::string> {
    static std::string describe() { return "a string"; }
    static verdict parse(std::string_view text, std::string& out) {
        out.assign(text);
        return {};
    }
    static std::string format(const std::string& value) { return value; }
};

template <>
struct value_traits<std::filesystem::path> {
    static std::string describe() { return "a path"; }
    static verdict parse(std::string_view text, std::filesystem::path& out) {
        if (text.empty()) return verdict::failure("is empty");
        out = std::filesystem::path(text);
        return {};
    }
    static std::string format(const std::filesystem::path& value) { return value.string(); }
};

// Parses with value_traits<T>; the function the binder and the container parsers go through.
template <parsable_value T>
verdict parse_value(std::string_view text, T& out) {
    return value_traits<T>::parse(text, out);
}

template <parsable_value T>
std::string format_value(const T& value) {
    return value_traits<T>::format(value);
}

template <parsable_value T>
std::string describe_value() {
    return value_traits<T>::describe();
}

}  // namespace orchard
