// Binding problems, where values came from, and binding_error, which reports every problem at once.
#pragma once

#include <orchard/error.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace orchard {

enum class source_kind { defaults, environment, file, command_line, key_values };

// Where a value came from, as a user would look for it.
struct origin {
    source_kind kind = source_kind::defaults;
    // "environment variable FLUXBURST_TOKEN", "gke.ini:12", "option --cluster-name", "argument 1",
    // "key \"counter\" of the message"; "default" for values nobody set.
    std::string description = "default";
};

// One thing wrong with the input. Every field is filled in when it applies.
struct problem {
    std::string field;                 // dotted path of the field, empty for a problem with a source itself
    std::string source;                // where the value came from (an origin's description, or a file)
    std::optional<std::string> value;  // the offending value as given, "****" when the field is secret
    std::string message;               // what is wrong: "is out of range", "is required but was not set"
    std::string expected;              // what a valid value looks like
    std::string hint;                  // how to fix it: "did you mean ...?"

    std::string to_string() const {
        std::string out;
        if (!field.empty()) out += field + ": ";
        if (!source.empty()) out += source + (value ? " = \"" + *value + "\" " : ": ");
        else if (value) out += "\"" + *value + "\" ";
        out += message;
        if (!expected.empty()) out += "; expected " + expected;
        if (!hint.empty()) out += "; " + hint;
        return out;
    }
};

// Thrown by orchard::bind with every problem found in every source, never just the first.
class binding_error : public error {
public:
    binding_error(std::string_view what_was_bound, std::vector<problem> problems)
        : error(render(what_was_bound, problems)), problems_(std::move(problems)) {}

    const std::vector<problem>& problems() const noexcept { return problems_; }

private:
    static std::string render(std::string_view what_was_bound, const std::vector<problem>& problems) {
        std::string out = "cannot bind " + std::string(what_was_bound) + ": " + std::to_string(problems.size()) +
                          (problems.size() == 1 ? " problem" : " problems");
        for (const auto& p : problems) out += "\n  - " + p.to_string();
        return out;
    }
    std::vector<problem> problems_;
};

}  // namespace orchard
