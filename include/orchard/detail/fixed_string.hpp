// A string usable as a template argument, so that names show up in compile errors.
#pragma once

#include <cstddef>
#include <string_view>

namespace orchard::detail {

template <std::size_t N>
struct fixed_string {
    char chars[N]{};

    constexpr fixed_string(const char (&text)[N]) noexcept {
        for (std::size_t i = 0; i < N; ++i) chars[i] = text[i];
    }
    // From a string_view of length N - 1.
    constexpr fixed_string(std::string_view text, std::nullptr_t) noexcept {
        for (std::size_t i = 0; i + 1 < N && i < text.size(); ++i) chars[i] = text[i];
        chars[N - 1] = '\0';  // written, not left zero-initialised, so clang prints it as a string
    }
    constexpr std::string_view view() const noexcept { return {chars, N - 1}; }
    static constexpr std::size_t length = N - 1;
};

// The one way to turn a compile-time name into a template argument: fixed_name<Text.size() + 1>(Text).
template <std::size_t N>
consteval fixed_string<N> fixed_name(std::string_view text) noexcept {
    return fixed_string<N>(text, nullptr);
}

// The name of a type that declares `static constexpr std::string_view name` (a plugin, say).
template <class P>
inline constexpr auto name_of = fixed_name<std::string_view(P::name).size() + 1>(P::name);

}  // namespace orchard::detail
