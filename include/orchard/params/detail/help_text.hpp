// The one renderer of help text: two-column tables (options, commands, plugins) and indentation.
#pragma once

#include <algorithm>
#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace orchard::detail {

using help_rows = std::vector<std::pair<std::string, std::string>>;

// "Title:" and its rows with the right column aligned at `width` (at least the widest left column).
inline std::string help_table(std::string_view title, const help_rows& rows, std::size_t width) {
    std::string out = std::string(title) + ":\n";
    for (const auto& [left, right] : rows) {
        out += "  " + left;
        if (!right.empty()) out += std::string(width - left.size() + 2, ' ') + right;
        out += "\n";
    }
    return out;
}

inline std::size_t help_width(std::initializer_list<const help_rows*> tables) {
    std::size_t width = 0;
    for (const help_rows* rows : tables)
        for (const auto& row : *rows) width = std::max(width, row.first.size());
    return width;
}

// Every non-empty line of `text` indented by `by` spaces.
inline std::string indent(std::string_view text, std::size_t by) {
    std::string out;
    while (!text.empty()) {
        const std::size_t end = text.find('\n');
        const std::string_view line = text.substr(0, end);
        if (!line.empty()) out += std::string(by, ' ');
        out += line;
        out += '\n';
        if (end == text.npos) break;
        text.remove_prefix(end + 1);
    }
    return out;
}

// Help text as a sentence, so that the notes that follow it read well.
inline std::string as_sentence(std::string_view text) {
    std::string out(text);
    if (!out.empty() && out.back() != '.' && out.back() != '?' && out.back() != '!') out += '.';
    return out;
}

}  // namespace orchard::detail
