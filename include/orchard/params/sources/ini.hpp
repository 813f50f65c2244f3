// Parameters from one section of an INI file ([fluxburst.gke]), read with Boost.PropertyTree.
#pragma once

#include <orchard/params/detail/file_text.hpp>
#include <orchard/params/source.hpp>

#include <boost/property_tree/ini_parser.hpp>
#include <boost/property_tree/ptree.hpp>

#include <filesystem>
#include <map>
#include <sstream>
#include <string>

namespace orchard {

// Tag: a configuration file that does not exist provides nothing instead of being an error.
struct if_exists_t {
    explicit if_exists_t() = default;
};
inline constexpr if_exists_t if_exists{};

class ini_source : public source_base {
public:
    ini_source(std::filesystem::path file, std::string section, bool may_be_missing = false)
        : file_(std::move(file)), section_(std::move(section)) {
        if (may_be_missing && !std::filesystem::exists(file_)) return;
        boost::property_tree::ptree tree;
        const auto text = detail::read_config_file<boost::property_tree::ini_parser_error>(
            file_, [&](std::istream& in) { boost::property_tree::ini_parser::read_ini(in, tree); }, load_problems_);
        if (!text) return;
        const auto section_node = tree.find(section_);
        if (section_node == tree.not_found()) {
            missing_section_ = true;
            return;
        }
        const auto lines = detail::ini_key_lines(*text, section_);
        for (const auto& [name, node] : section_node->second) {
            std::string key = detail::canonical_key(name);
            const auto line = lines.find(key);
            add(std::move(key), keep(node.data()), keep(name), line == lines.end() ? 0 : line->second);
        }
    }

    const std::filesystem::path& file() const noexcept { return file_; }
    const std::string& section() const noexcept { return section_; }

    origin origin_of(const source_entry& e) const { return {source_kind::file, location(e.position)}; }

    std::string spelling(const field_info& f) const {
        return "\"" + f.path + "\" in [" + section_ + "] of " + file_.string();
    }

    void report(const std::vector<field_info>& fields, std::vector<problem>& errors,
                std::vector<problem>& notes) const {
        source_base::report(fields, errors, notes);
        if (missing_section_) notes.push_back({{}, file_.string(), {}, "has no section [" + section_ + "]", {}, {}});
        for_each_unknown(fields, [&](const source_entry& e, const std::string& suggestion) {
            problem p;
            p.source = location(e.position);
            p.message = "unknown key \"" + std::string(e.spelled) + "\" in [" + section_ + "]";
            if (!suggestion.empty()) p.hint = "did you mean \"" + suggestion + "\"?";
            errors.push_back(std::move(p));
        });
    }

private:
    std::string location(std::size_t line) const {
        return file_.string() + (line ? ":" + std::to_string(line) : std::string{});
    }

    std::filesystem::path file_;
    std::string section_;
    bool missing_section_ = false;
};

// Parameters from [section] of an INI file; the file must exist.
inline ini_source from_ini(std::filesystem::path file, std::string section) {
    return ini_source(std::move(file), std::move(section));
}
// Same, but a missing file provides nothing (a default configuration path, say).
inline ini_source from_ini(std::filesystem::path file, std::string section, if_exists_t) {
    return ini_source(std::move(file), std::move(section), true);
}

}  // namespace orchard
