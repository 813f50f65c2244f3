// Parameters from key=value pairs, such as the extras of a message received on the wire.
#pragma once

#include <orchard/params/source.hpp>

#include <map>
#include <string>
#include <string_view>
#include <utility>

namespace orchard {

class map_source : public source_base {
public:
    // `what` names the pairs in messages: key "counter" of <what>.
    template <class Range>
    explicit map_source(const Range& pairs, std::string what = "the message") : what_(std::move(what)) {
        std::size_t position = 0;
        for (const auto& [key, value] : pairs) {
            const std::string_view spelled = keep(std::string(key));
            add(detail::canonical_key(spelled), keep(std::string(value)), spelled, ++position);
        }
    }

    origin origin_of(const source_entry& e) const {
        return {source_kind::key_values, "key \"" + std::string(e.spelled) + "\" of " + what_};
    }

    std::string spelling(const field_info& f) const { return "key \"" + f.path + "\" of " + what_; }

    void report(const std::vector<field_info>& fields, std::vector<problem>& errors,
                std::vector<problem>& notes) const {
        source_base::report(fields, errors, notes);
        for_each_unknown(fields, [&](const source_entry& e, const std::string& suggestion) {
            problem p;
            p.source = "key \"" + std::string(e.spelled) + "\" of " + what_;
            p.message = "matches no parameter";
            if (!suggestion.empty()) p.hint = "did you mean \"" + suggestion + "\"?";
            errors.push_back(std::move(p));
        });
    }

private:
    std::string what_;
};

template <class Range>
map_source from_map(const Range& pairs, std::string what = "the message") {
    return map_source(pairs, std::move(what));
}

}  // namespace orchard
