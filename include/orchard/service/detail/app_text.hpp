// Text helpers of the command-line app: JSON strings and program names (help tables: params/detail/help_text.hpp).
#pragma once

#include <string>
#include <string_view>

namespace orchard::detail {

// A JSON string literal. Bytes >= 0x80 pass through: valid UTF-8 in, valid JSON out.
inline std::string json_quote(std::string_view text) {
    static constexpr char hex[] = "0123456789abcdef";
    std::string out = "\"";
    for (const char c : text) {
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\b':
                out += "\\b";
                break;
            case '\f':
                out += "\\f";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
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

inline std::string_view base_name(std::string_view path) {
    const std::size_t slash = path.rfind('/');
    return slash == path.npos ? path : path.substr(slash + 1);
}

}  // namespace orchard::detail
