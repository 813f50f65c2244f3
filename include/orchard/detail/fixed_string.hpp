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
};

}  // namespace orchard::detail
