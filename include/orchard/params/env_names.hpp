// The one rule that names environment variables: for a program's fields, and for those of each
// named part of it (a plugin, a plugin instance), so that no two parts' variables overlap.
#pragma once

#include <orchard/params/detail/text.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace orchard {

// A name as a word of a variable: letters upper-cased, '-' (and '.') as '_': "gke-east" -> GKE_EAST.
inline std::string env_word(std::string_view name) {
    std::string out;
    out.reserve(name.size());
    for (char c : name) out += (c == '-' || c == '.') ? '_' : detail::to_upper(c);
    return out;
}

// The variable that sets the field at `path` ("outer.inner") under `prefix`: the prefix, then the
// path's words joined by "__": ("APP_", "limits.max_nodes") -> APP_LIMITS__MAX_NODES.
inline std::string env_variable(std::string_view prefix, std::string_view path) {
    std::string name(prefix);
    for (char c : path) {
        if (c == '.') name += "__";
        else name += detail::to_upper(c == '-' ? '_' : c);
    }
    return name;
}

// The prefix of the variables of a part called `part` of a program whose variables start with
// `program`: ("FLUXBURST", "gke-east") -> FLUXBURST_GKE_EAST__, then FLUXBURST_GKE_EAST__MAX_NODES.
// The "__" after the part keeps the parts apart: FLUXBURST_GKE__ is not a prefix of
// FLUXBURST_GKE_EAST__, so a strict source for one never sees the other's variables.
inline std::string env_prefix(std::string_view program, std::string_view part);

// A program's prefix as its variables start: "FLUXBURST" -> FLUXBURST_ ("" stays "").
inline std::string env_program_prefix(std::string_view program) {
    std::string out(program);
    if (!out.empty() && out.back() != '_') out += '_';
    return out;
}

inline std::string env_prefix(std::string_view program, std::string_view part) {
    return env_program_prefix(program) + env_word(part) + "__";
}

// Why `name` cannot name a part (its variables could be mistaken for another's), or nothing: a part
// name is letters and digits in words joined by single '-' or '_'.
inline std::optional<std::string> env_name_problem(std::string_view name) {
    if (name.empty()) return "is empty";
    bool separator = true;  // at the start, as after one
    for (char c : name) {
        const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (alnum) {
            separator = false;
        } else if (c == '-' || c == '_') {
            if (separator) return "has a '-' or '_' at its start or next to another";
            separator = true;
        } else {
            return "has a character other than letters, digits, '-' and '_'";
        }
    }
    if (separator) return "ends with '-' or '_'";
    return std::nullopt;
}

}  // namespace orchard
