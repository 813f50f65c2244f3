// Small text helpers shared by the value parsers, the sources and the error messages.
#pragma once

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace orchard::detail {

constexpr bool is_space(char c) noexcept {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

constexpr std::string_view trim(std::string_view s) noexcept {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}

constexpr char to_lower(char c) noexcept { return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c; }
constexpr char to_upper(char c) noexcept { return (c >= 'a' && c <= 'z') ? char(c - 'a' + 'A') : c; }

constexpr bool iequals(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (to_lower(a[i]) != to_lower(b[i])) return false;
    return true;
}

inline std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = to_lower(c);
    return out;
}

// Keys are compared the way users expect across sources: case-insensitively, with '-' equal to '_'.
constexpr char key_char(char c) noexcept { return c == '-' ? '_' : to_lower(c); }

constexpr bool key_equals(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (key_char(a[i]) != key_char(b[i])) return false;
    return true;
}

// Levenshtein distance over key characters, for "did you mean" suggestions.
inline std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            const std::size_t cost = key_char(a[i - 1]) == key_char(b[j - 1]) ? 0 : 1;
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + cost});
            diagonal = above;
        }
    }
    return row[b.size()];
}

// The closest candidate, if it is close enough to be a plausible typo.
template <class Range>
std::optional<std::string> closest_match(std::string_view word, const Range& candidates) {
    std::optional<std::string> best;
    std::size_t best_distance = std::max<std::size_t>(2, word.size() / 3) + 1;
    for (const auto& candidate : candidates) {
        const std::size_t d = edit_distance(word, candidate);
        if (d < best_distance) {
            best_distance = d;
            best = std::string(candidate);
        }
    }
    return best;
}

// Splits "a, b,\"c,d\",e\\,f" on unquoted, unescaped separators; items are trimmed unless quoted.
// Returns nullopt (and sets `error`) on an unterminated quote or a dangling escape.
inline std::optional<std::vector<std::string>> split_list(std::string_view text, char separator, std::string& error) {
    std::vector<std::string> items;
    if (trim(text).empty()) return items;
    std::string current;
    bool quoted_item = false;
    bool in_quotes = false;
    std::size_t pending_spaces = 0;  // spaces after the last character, dropped at the item's end
    auto finish = [&] {
        if (!quoted_item) current.resize(current.size() - pending_spaces);
        items.push_back(std::move(current));
        current.clear();
        quoted_item = false;
        pending_spaces = 0;
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\\') {
            if (i + 1 == text.size()) {
                error = "ends with a lone backslash";
                return std::nullopt;
            }
            current += text[++i];
            pending_spaces = 0;
        } else if (c == '"') {
            in_quotes = !in_quotes;
            quoted_item = true;
            pending_spaces = 0;
        } else if (c == separator && !in_quotes) {
            finish();
        } else if (!in_quotes && is_space(c) && current.empty() && !quoted_item) {
            // leading space of an item
        } else {
            current += c;
            pending_spaces = (!in_quotes && is_space(c)) ? pending_spaces + 1 : 0;
        }
    }
    if (in_quotes) {
        error = "has an unterminated quote";
        return std::nullopt;
    }
    finish();
    return items;
}

// Quotes an item for a comma-separated list when it needs it, so that split_list reads it back.
inline std::string quote_list_item(std::string_view item, char separator) {
    const bool needs = item.empty() || item.find_first_of(std::string{separator, '"', '\\', '='}) != item.npos ||
                       is_space(item.front()) || is_space(item.back());
    if (!needs) return std::string(item);
    std::string out = "\"";
    for (char c : item) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    out += '"';
    return out;
}

}  // namespace orchard::detail
