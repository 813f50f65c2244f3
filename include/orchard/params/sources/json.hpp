// Parameters from an object of a JSON file ("fluxburst.gke"), read with Boost.PropertyTree.
#pragma once

#include <orchard/params/detail/file_text.hpp>
#include <orchard/params/source.hpp>
#include <orchard/params/sources/ini.hpp>  // if_exists

#include <boost/property_tree/json_parser.hpp>
#include <boost/property_tree/ptree.hpp>

#include <filesystem>
#include <map>
#include <sstream>
#include <string>

namespace orchard {

class json_source : public source_base {
public:
    // `object` is a dotted path to the object holding the fields ("" for the document itself).
    json_source(std::filesystem::path file, std::string object, bool may_be_missing = false)
        : file_(std::move(file)), object_(std::move(object)) {
        if (may_be_missing && !std::filesystem::exists(file_)) return;
        boost::property_tree::ptree tree;
        const auto text = detail::read_config_file<boost::property_tree::json_parser_error>(
            file_, [&](std::istream& in) { boost::property_tree::json_parser::read_json(in, tree); }, load_problems_);
        if (!text) return;
        const ptree* root = &tree;
        if (!object_.empty()) {
            const auto child = tree.get_child_optional(object_);
            if (!child) {
                missing_object_ = true;
                return;
            }
            root = &*child;
        }
        lines_ = detail::json_key_lines(*text);
        flatten(*root, object_.empty() ? std::string{} : detail::canonical_key(object_) + ".", {});
    }

    origin origin_of(const source_entry& e) const { return {source_kind::file, location(e.position)}; }

    std::string spelling(const field_info& f) const {
        return "\"" + f.path + "\" in " +
               (object_.empty() ? std::string("the top-level object") : "\"" + object_ + "\"") + " of " +
               file_.string();
    }

    void report(const std::vector<field_info>& fields, std::vector<problem>& errors,
                std::vector<problem>& notes) const {
        source_base::report(fields, errors, notes);
        if (missing_object_) notes.push_back({{}, file_.string(), {}, "has no object \"" + object_ + "\"", {}, {}});
        for_each_unknown(fields, [&](const source_entry& e, const std::string& suggestion) {
            problem p;
            p.source = location(e.position);
            p.message = "unknown key \"" + std::string(e.spelled) + "\"";
            if (!suggestion.empty()) p.hint = "did you mean \"" + suggestion + "\"?";
            errors.push_back(std::move(p));
        });
    }

private:
    using ptree = boost::property_tree::ptree;

    // Objects become dotted keys; arrays of plain values become list entries.
    void flatten(const ptree& node, const std::string& absolute, const std::string& relative) {
        for (const auto& [name, child] : node) {
            const std::string key = relative + detail::canonical_key(name);
            const std::string where = absolute + detail::canonical_key(name);
            const auto line = lines_.find(where);
            const std::size_t position = line == lines_.end() ? 0 : line->second;
            const bool is_array = !child.empty() && child.begin()->first.empty();
            if (is_array) {
                auto& entry = add(key, {}, keep(key), position);
                entry.is_list = true;
                for (const auto& [unused, item] : child) {
                    if (!item.empty()) {
                        load_problems_.push_back({{},
                                                  location(position),
                                                  {},
                                                  "has an array of arrays or objects under \"" + key +
                                                      "\"; only arrays of plain values are supported",
                                                  {},
                                                  {}});
                        break;
                    }
                    entry.items.push_back(keep(item.data()));
                }
            } else if (!child.empty()) {
                flatten(child, where + ".", key + ".");
            } else {
                add(key, keep(child.data()), keep(key), position);
            }
        }
    }

    std::string location(std::size_t line) const {
        return file_.string() + (line ? ":" + std::to_string(line) : std::string{});
    }

    std::filesystem::path file_;
    std::string object_;
    bool missing_object_ = false;
    std::map<std::string, std::size_t> lines_;
};

// Parameters from the object at dotted path `object` of a JSON file; the file must exist.
inline json_source from_json(std::filesystem::path file, std::string object = {}) {
    return json_source(std::move(file), std::move(object));
}
// Same, but a missing file provides nothing.
inline json_source from_json(std::filesystem::path file, std::string object, if_exists_t) {
    return json_source(std::move(file), std::move(object), true);
}

}  // namespace orchard
