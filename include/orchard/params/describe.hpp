// Describing parameters to people: sample INI, environment reference, --help, effective values.
#pragma once

#include <orchard/params/bind.hpp>
#include <orchard/params/detail/help_text.hpp>
#include <orchard/params/schema.hpp>
#include <orchard/params/sources/args.hpp>
#include <orchard/params/sources/env.hpp>

#include <algorithm>
#include <map>
#include <string>
#include <string_view>

namespace orchard {
namespace detail {

inline std::string shown_default(const field_info& f) {
    if (!f.default_text) return {};
    return f.secret && !f.default_text->empty() ? std::string(masked_value) : *f.default_text;
}

inline std::string help_sentence(const field_info& f) { return as_sentence(f.help); }

inline std::string field_notes(const field_info& f) {
    std::string out = "Expects " + f.expected + ".";
    if (f.required) out += " Required.";
    else if (f.default_text && !f.default_text->empty()) out += " Default: " + shown_default(f) + ".";
    if (f.secret) out += " Secret: never shown.";
    return out;
}

}  // namespace detail

// A commented sample of [section] in the style of oslo-config-generator: every key commented out
// with its default, its help and what it expects.
template <class P>
std::string sample_ini(std::string_view section) {
    std::string out = "[" + std::string(section) + "]\n";
    for (const auto& f : schema<P>()) {
        out += "\n";
        if (!f.help.empty()) out += "# " + detail::help_sentence(f) + "\n";
        out += "# " + detail::field_notes(f) + "\n";
        if (f.secret) out += "# Or set " + f.path + "_file to a file that holds it.\n";
        out += "#" + f.path + " = " + detail::shown_default(f) + "\n";
    }
    return out;
}

// Every environment variable that sets a field of P, with what it expects, its default and help.
template <class P>
std::string environment_reference(std::string_view prefix) {
    std::string out;
    for (const auto& f : schema<P>()) {
        const std::string variable = env_variable(prefix, f.path);
        out += variable;
        if (f.secret) out += " (or " + variable + "_FILE)";
        out += "\n";
        if (!f.help.empty()) out += "    " + detail::help_sentence(f) + "\n";
        out += "    " + detail::field_notes(f) + "\n";
    }
    return out;
}

// The --help text of a program whose options are P's fields.
template <class P>
std::string usage(std::string_view program, std::string_view summary = {}) {
    const auto& fields = schema<P>();
    std::string out = "Usage: " + std::string(program) + " [options]";
    for (const auto& f : fields)
        if (f.positional) out += f.required ? " <" + f.path + ">" : " [" + f.path + "]";
    out += "\n";
    if (!summary.empty()) out += "\n" + std::string(summary) + "\n";
    detail::help_rows arguments, options;
    for (const auto& f : fields) {
        std::string right = f.help.empty() ? std::string{} : detail::help_sentence(f) + " ";
        right += detail::field_notes(f);
        if (f.positional) {
            arguments.emplace_back("<" + f.path + ">", right);
        } else {
            std::string left = args_source::option_for(f.path);
            if (f.flag) left = "--[no-]" + left.substr(2);
            else left += f.shape == value_shape::scalar ? " VALUE" : " LIST";
            if (f.secret) right += " Or " + args_source::option_for(f.path) + "-file FILE.";
            options.emplace_back(left, right);
        }
    }
    options.emplace_back("-h, --help", "Show this help and exit.");
    const std::size_t width = detail::help_width({&arguments, &options});
    if (!arguments.empty()) out += "\n" + detail::help_table("Arguments", arguments, width);
    out += "\n" + detail::help_table("Options", options, width);
    return out;
}

// The effective value of every field and where it came from, secrets masked.
template <class P>
std::string show_config(const bound<P>& b) {
    const auto& fields = schema<P>();
    std::vector<std::pair<std::string, std::string>> rows;
    detail::visit_leaves(b.value, [&](std::size_t i, const auto& leaf) {
        const auto text = detail::format_leaf(leaf);
        std::string shown = !text ? "(not set)" : fields[i].secret ? std::string(masked_value) : *text;
        rows.emplace_back(fields[i].path + " = " + shown, b.origins.empty() ? "" : b.origins[i].description);
    });
    std::size_t width = 0;
    for (const auto& r : rows) width = std::max(width, r.first.size());
    std::string out;
    for (const auto& [left, right] : rows)
        out += left + std::string(width - left.size() + 2, ' ') + "(" + right + ")\n";
    return out;
}

// The fields as key=value pairs that from_map() reads back (secrets in clear: this is for the wire).
// Unset optional and required fields are left out.
template <class P>
std::map<std::string, std::string> to_key_values(const P& params) {
    const auto& fields = schema<P>();
    std::map<std::string, std::string> out;
    detail::visit_leaves(params, [&](std::size_t i, const auto& leaf) {
        if (auto text = detail::format_leaf(leaf)) out.emplace(fields[i].path, std::move(*text));
    });
    return out;
}

}  // namespace orchard
