// Text helpers of the command-line app: JSON strings, two-column help tables, indentation.
#pragma once

#include <algorithm>
#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace orchard::detail {

// A JSON string literal. Bytes >= 0x80 pass through: valid UTF-8 in, valid JSON out.
inline std::string json_quote(std::string_view text) {
    static constexpr char hex[] = "0123456789abcdef";
    std::string out = "\"";
    for (const char c : text) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    out += "\\u00";
                    out += hex[(static_cast<unsigned char>(c) >> 4) & 0xf];
                    out += hex[static_cast<unsigned char>(c) & 0xf];
                } else {
                    out += c;
                }
        }
    }
    return out + "\"";
}

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

inline std::string_view base_name(std::string_view path) {
    const std::size_t slash = path.rfind('/');
    return slash == path.npos ? path : path.substr(slash + 1);
}

}  // namespace orchard::detail
