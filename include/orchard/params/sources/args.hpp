// Parameters from the command line: --cluster-name=x, --cluster-name x, --flag, --no-flag, positionals.
#pragma once

#include <orchard/params/source.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace orchard {

class args_source : public source_base {
public:
    // argv[0] is the program; the other arguments are views into argv, which outlives the source.
    args_source(int argc, const char* const* argv) {
        if (argc > 0 && argv[0]) program_ = argv[0];
        for (int i = 1; i < argc; ++i) tokens_.push_back({argv[i], std::size_t(i)});
    }

    // Arguments without the program name (a subcommand's rest, or a test's); the source keeps a copy.
    explicit args_source(std::vector<std::string> args, std::string program = {}) : program_(std::move(program)) {
        for (std::size_t i = 0; i < args.size(); ++i) tokens_.push_back({keep(std::move(args[i])), i + 1});
    }

    const std::string& program() const noexcept { return program_; }

    // -h or --help before any "--".
    bool help_requested() const {
        for (const auto& t : tokens_) {
            if (t.text == "--") break;
            if (t.text == "-h" || t.text == "--help") return true;
        }
        return false;
    }

    // Removes an option the program handles itself (`--sample-config`) and says whether it was there.
    bool take_flag(std::string_view option) {
        bool found = false;
        for (std::size_t i = 0; i < tokens_.size() && tokens_[i].text != "--";) {
            if (tokens_[i].text == option) {
                tokens_.erase(tokens_.begin() + std::ptrdiff_t(i));
                found = true;
            } else {
                ++i;
            }
        }
        return found;
    }

    // Removes `--config=x` or `--config x` and returns x (the last one, if repeated).
    std::optional<std::string> take_value(std::string_view option) {
        std::optional<std::string> value;
        for (std::size_t i = 0; i < tokens_.size() && tokens_[i].text != "--";) {
            const std::string_view t = tokens_[i].text;
            if (t.size() > option.size() && t.starts_with(option) && t[option.size()] == '=') {
                value = std::string(t.substr(option.size() + 1));
                tokens_.erase(tokens_.begin() + std::ptrdiff_t(i));
            } else if (t == option && i + 1 < tokens_.size()) {
                value = std::string(tokens_[i + 1].text);
                tokens_.erase(tokens_.begin() + std::ptrdiff_t(i), tokens_.begin() + std::ptrdiff_t(i) + 2);
            } else if (t == option) {
                missing_values_.push_back({std::string(option), tokens_[i].index});
                tokens_.erase(tokens_.begin() + std::ptrdiff_t(i));
            } else {
                ++i;
            }
        }
        return value;
    }

    // Matches options to fields: only now is it known which options take a value.
    void prepare(const std::vector<field_info>& fields) {
        entries_.clear();
        problems_.clear();
        std::vector<const field_info*> positionals;
        for (const auto& f : fields)
            if (f.positional) positionals.push_back(&f);
        std::size_t next_positional = 0;
        bool options_ended = false;
        for (std::size_t i = 0; i < tokens_.size(); ++i) {
            const token& t = tokens_[i];
            if (!options_ended && t.text == "--") {
                options_ended = true;
            } else if (!options_ended && (t.text == "-h" || t.text == "--help")) {
                // the program asks help_requested() itself
            } else if (!options_ended && t.text.starts_with("--")) {
                i = option(fields, i);
            } else if (!options_ended && t.text.size() > 1 && t.text.front() == '-' && !detail::is_digit(t.text[1]) &&
                       t.text[1] != '.') {
                problems_.push_back({{},
                                     "argument " + std::to_string(t.index),
                                     std::string(t.text),
                                     "is not a known option (options are spelled --name)",
                                     {},
                                     {}});
            } else if (next_positional < positionals.size()) {
                add(positionals[next_positional++]->key, t.text, {}, t.index);
            } else {
                problems_.push_back({{},
                                     "argument " + std::to_string(t.index),
                                     std::string(t.text),
                                     "is an unexpected argument",
                                     {},
                                     {}});
            }
        }
        for (const auto& [name, index] : missing_values_)
            problems_.push_back({{}, "option " + name, {}, "needs a value", {}, {}});
    }

    origin origin_of(const source_entry& e) const {
        if (e.spelled.empty()) return {source_kind::command_line, "argument " + std::to_string(e.position)};
        return {source_kind::command_line, "option " + std::string(e.spelled)};
    }

    std::string spelling(const field_info& f) const {
        return f.positional ? "a positional argument" : "option " + option_for(f.path);
    }

    void report(const std::vector<field_info>& fields, std::vector<problem>& errors,
                std::vector<problem>& notes) const {
        source_base::report(fields, errors, notes);
        errors.insert(errors.end(), problems_.begin(), problems_.end());
    }

    static std::string option_for(std::string_view path) {
        std::string out = "--";
        for (char c : path) out += c == '_' ? '-' : c;
        return out;
    }

private:
    struct token {
        std::string_view text;
        std::size_t index;  // position in the original argv
    };

    // Handles the option at tokens_[i]; returns the index of the last token it used.
    std::size_t option(const std::vector<field_info>& fields, std::size_t i) {
        const token& t = tokens_[i];
        std::string_view name = t.text.substr(2);
        std::optional<std::string_view> value;
        if (const std::size_t eq = name.find('='); eq != name.npos) {
            value = name.substr(eq + 1);
            name = name.substr(0, eq);
        }
        const std::string spelled = "--" + std::string(name);
        const field_info* field = lookup(fields, name);
        // --token-file FILE: a secret read from a file, handled by bind() like PREFIX_TOKEN_FILE.
        if (!field && name.size() > 5 && detail::key_equals(name.substr(name.size() - 5), "_file")) {
            if (const field_info* secret = lookup(fields, name.substr(0, name.size() - 5)); secret && secret->secret) {
                if (!value && i + 1 >= tokens_.size()) {
                    problems_.push_back({secret->path, "option " + spelled, {}, "needs a value", "a file", {}});
                    return i;
                }
                if (!value) value = tokens_[++i].text;
                add(secret->key + "_file", *value, t.text.substr(0, 2 + name.size()), t.index);
                return i;
            }
        }
        if (!field && !value && name.starts_with("no-")) {
            if (const field_info* negated = lookup(fields, name.substr(3)); negated && negated->flag) {
                add(negated->key, "false", t.text, t.index);
                return i;
            }
        }
        if (!field || field->positional) {
            std::vector<std::string> options;
            for (const auto& f : fields)
                if (!f.positional) options.push_back(option_for(f.path));
            const auto suggestion = detail::closest_match(spelled, options);
            problems_.push_back({{},
                                 "option " + spelled,
                                 value ? std::optional<std::string>(*value) : std::nullopt,
                                 "is not a known option",
                                 {},
                                 suggestion ? "did you mean " + *suggestion + "?" : std::string{}});
            return i;
        }
        const std::string_view spelled_view = t.text.substr(0, 2 + name.size());
        if (!value && field->flag) {
            add(field->key, "true", spelled_view, t.index);
            return i;
        }
        if (!value) {
            if (i + 1 >= tokens_.size()) {
                problems_.push_back({field->path, "option " + spelled, {}, "needs a value", field->expected, {}});
                return i;
            }
            value = tokens_[++i].text;
        }
        // A list option given several times collects every occurrence.
        if (field->shape == value_shape::list) {
            for (auto& e : entries_) {
                if (e.key == field->key) {
                    e.value = keep(std::string(e.value) + "," + std::string(*value));
                    return i;
                }
            }
        }
        add(field->key, *value, spelled_view, t.index);
        return i;
    }

    static const field_info* lookup(const std::vector<field_info>& fields, std::string_view option_name) {
        for (const auto& f : fields)
            if (detail::key_equals(f.key, option_name)) return &f;
        return nullptr;
    }

    std::string program_;
    std::vector<token> tokens_;
    std::vector<std::pair<std::string, std::size_t>> missing_values_;
    std::vector<problem> problems_;
};

inline args_source from_args(int argc, const char* const* argv) { return args_source(argc, argv); }
inline args_source from_args(int argc, char** argv) { return args_source(argc, argv); }
inline args_source from_args(std::vector<std::string> args) { return args_source(std::move(args)); }

}  // namespace orchard
