// Parameters from environment variables: field `cluster_name` <- PREFIX_CLUSTER_NAME, nesting with "__".
#pragma once

#include <orchard/params/env_names.hpp>
#include <orchard/params/source.hpp>

#include <unistd.h>

#include <string>
#include <string_view>

namespace orchard {

// Tag: keys that match no field (variables under the prefix) are errors, not notes.
struct strict_keys_t {
    explicit strict_keys_t() = default;
};
inline constexpr strict_keys_t strict_keys{};

class env_source : public source_base {
public:
    // The environment is read now; values are views into it, so don't unset variables while binding.
    explicit env_source(std::string prefix, bool strict_mode = false)
        : prefix_(std::move(prefix)), strict_(strict_mode) {
        for (char** variable = ::environ; variable && *variable; ++variable) {
            const std::string_view entry = *variable;
            const std::size_t eq = entry.find('=');
            if (eq == entry.npos || eq <= prefix_.size() || !entry.starts_with(prefix_)) continue;
            const std::string_view name = entry.substr(0, eq);
            add(key_of(name.substr(prefix_.size())), entry.substr(eq + 1), name, 0);
        }
    }

    const std::string& prefix() const noexcept { return prefix_; }

    // The variable that sets a field: PREFIX_OUTER__INNER (see env_names.hpp).
    std::string variable_for(std::string_view path) const { return env_variable(prefix_, path); }

    origin origin_of(const source_entry& e) const {
        return {source_kind::environment, "environment variable " + std::string(e.spelled)};
    }

    std::string spelling(const field_info& f) const { return "environment variable " + variable_for(f.path); }

    void report(const std::vector<field_info>& fields, std::vector<problem>& errors,
                std::vector<problem>& notes) const {
        source_base::report(fields, errors, notes);
        if (prefix_.empty()) return;  // every variable would be "unknown"
        for_each_unknown(fields, [&](const source_entry& e, const std::string& suggestion) {
            problem p;
            p.source = "environment variable " + std::string(e.spelled);
            p.message = "matches no parameter under the prefix " + prefix_;
            if (!suggestion.empty()) p.hint = "did you mean " + variable_for(suggestion) + "?";
            (strict_ ? errors : notes).push_back(std::move(p));
        });
    }

private:
    // PREFIX_OUTER__INNER -> "outer.inner": env_variable read backwards.
    static std::string key_of(std::string_view suffix) {
        std::string key;
        key.reserve(suffix.size());
        for (std::size_t i = 0; i < suffix.size(); ++i) {
            if (suffix[i] == '_' && i + 1 < suffix.size() && suffix[i + 1] == '_') {
                key += '.';
                ++i;
            } else {
                key += detail::key_char(suffix[i]);
            }
        }
        return key;
    }

    std::string prefix_;
    bool strict_;
};

// Parameters from variables named PREFIX_<FIELD>; unknown variables under the prefix become notes.
inline env_source from_env(std::string prefix) { return env_source(std::move(prefix)); }
// Same, but unknown variables under the prefix are errors.
inline env_source from_env(std::string prefix, strict_keys_t) { return env_source(std::move(prefix), true); }

}  // namespace orchard
