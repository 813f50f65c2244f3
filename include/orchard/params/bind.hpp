// bind<P>(sources...): fills a parameter struct from its sources, later sources winning, all problems at once.
#pragma once

#include <orchard/params/containers.hpp>
#include <orchard/params/detail/file_text.hpp>
#include <orchard/params/problem.hpp>
#include <orchard/params/schema.hpp>
#include <orchard/params/source.hpp>
#include <orchard/reflect.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace orchard {

// A bound struct with where each value came from (by field, in schema order) and the notes the
// sources made (variables under the prefix that match nothing, a missing section...).
template <class P>
struct bound {
    P value;
    std::vector<origin> origins;
    std::vector<problem> notes;

    const origin& origin_of(std::string_view path) const {
        const auto& fields = schema<P>();
        for (std::size_t i = 0; i < fields.size(); ++i)
            if (fields[i].path == path) return origins[i];
        throw error("no parameter \"" + std::string(path) + "\" in " + std::string(reflect::type_name<P>));
    }
};

namespace detail {

// What a source holds for one field, ready to parse.
struct raw_value {
    std::string_view text;
    const std::vector<std::string_view>* items = nullptr;              // a real list
    std::vector<std::pair<std::string_view, std::string_view>> pairs;  // a map given key by key
    bool is_pairs = false;

    std::string shown() const {
        if (items) {
            std::string out = "[";
            for (std::size_t i = 0; i < items->size(); ++i) out += (i ? ", " : "") + std::string((*items)[i]);
            return out + "]";
        }
        if (is_pairs) {
            std::string out;
            for (const auto& [k, v] : pairs) out += (out.empty() ? "" : ",") + std::string(k) + "=" + std::string(v);
            return out;
        }
        return std::string(text);
    }
};

template <class F>
verdict parse_leaf(F& field, const raw_value& raw) {
    if constexpr (is_required<F> || is_std_optional<F>) {
        typename peel<F>::value value{};
        auto result = parse_leaf(value, raw);
        if (result.ok()) field = std::move(value);
        return result;
    } else if constexpr (peel<F>::is_marked) {  // secret, positional
        return parse_leaf(field.value(), raw);
    } else if constexpr (is_list<F>) {
        if (raw.items) return value_traits<F>::parse_items(*raw.items, field);
        return value_traits<F>::parse(raw.text, field);
    } else if constexpr (is_map<F>) {
        if (raw.is_pairs) return value_traits<F>::parse_pairs(raw.pairs, field);
        return value_traits<F>::parse(raw.text, field);
    } else {
        if (raw.items) return verdict::failure("is a list, but a single value was expected");
        return value_traits<F>::parse(raw.text, field);
    }
}

template <class F>
bool leaf_is_set(const F& field) {
    if constexpr (is_required<F> || is_std_optional<F>) return field.has_value();
    else return true;
}

// Secrets delivered as files end with a newline that is not part of the secret.
inline std::string_view strip_final_newline(std::string_view text) {
    if (text.ends_with('\n')) text.remove_suffix(1);
    if (text.ends_with('\r')) text.remove_suffix(1);
    return text;
}

template <class P, bool Trace, class... Sources>
bound<P> bind_all(P initial, Sources&... sources) {
    static_assert((param_source<Sources> && ...),
                  "orchard: every argument of bind after the struct type must be a parameter source: from_env, "
                  "from_ini, from_json, from_args, from_map, or a type satisfying orchard::param_source");
    if constexpr (!(param_source<Sources> && ...)) {
        return bound<P>{std::move(initial), {}, {}};
    } else {
        const std::vector<field_info>& fields = schema<P>();
        (sources.prepare(fields), ...);

        bound<P> result{std::move(initial), {}, {}};
        if constexpr (Trace) result.origins.resize(fields.size());
        std::vector<problem> problems;

        visit_leaves(result.value, [&](std::size_t index, auto& leaf) {
            const field_info& field = fields[index];
            auto use = [&](const auto& source, const source_entry& entry, const raw_value& raw,
                           std::string_view via_file) {
                auto parsed = parse_leaf(leaf, raw);
                if (parsed.ok()) parsed = check_leaf(leaf);  // the rules of checked<> fields
                if (!parsed.ok() || Trace) {
                    origin where = source.origin_of(entry);
                    if (!via_file.empty()) where.description += " (file " + std::string(via_file) + ")";
                    if (!parsed.ok())
                        problems.push_back({field.path,
                                            where.description,
                                            field.secret ? std::string(masked_value) : raw.shown(),
                                            parsed.reason(),
                                            field.expected,
                                            {}});
                    if constexpr (Trace) result.origins[index] = std::move(where);
                }
            };
            // Every source is asked, so that each one knows which of its entries matched a field; the
            // last source that has the field gives its value (later sources win).
            bool found = false;
            auto ask = [&](const auto& source) {
                const source_entry* direct = source.find(field.key);
                const auto items =
                    field.shape == value_shape::map ? source.children(field.key) : std::vector<const source_entry*>{};
                const source_entry* file = field.secret ? source.find(field.key + "_file") : nullptr;
                if (found || (!direct && items.empty() && !file)) return;
                found = true;
                if (direct && file) {
                    problems.push_back({field.path,
                                        source.origin_of(*direct).description,
                                        std::string(masked_value),
                                        "is set both directly and through " + source.origin_of(*file).description,
                                        {},
                                        "set only one of them"});
                } else if (direct) {
                    use(source, *direct,
                        raw_value{direct->value, direct->is_list ? &direct->items : nullptr, {}, false}, {});
                } else if (!items.empty()) {
                    raw_value raw;
                    raw.is_pairs = true;
                    for (const source_entry* item : items)
                        raw.pairs.emplace_back(std::string_view(item->key).substr(field.key.size() + 1), item->value);
                    use(source, *items.front(), raw, {});
                } else {
                    std::string why;
                    const auto content = read_text_file(std::string(file->value), why);
                    if (!content)
                        problems.push_back({field.path,
                                            source.origin_of(*file).description,
                                            std::string(file->value),
                                            "names a file that cannot be read: " + why,
                                            "a readable file",
                                            {}});
                    else use(source, *file, raw_value{strip_final_newline(*content), nullptr, {}, false}, file->value);
                }
            };
            [&]<std::size_t... I>(std::index_sequence<I...>) {
                [[maybe_unused]] const auto all = std::tie(sources...);
                (ask(std::get<sizeof...(Sources) - 1 - I>(all)), ...);
            }(std::index_sequence_for<Sources...>{});
            if (!found && field.required && !leaf_is_set(leaf)) {
                std::string how;
                if constexpr (sizeof...(Sources) > 0) {
                    const std::string ways[] = {std::string(sources.spelling(field))...};
                    for (std::size_t i = 0; i < sizeof...(Sources); ++i)
                        how += (i == 0 ? "set it with " : i + 1 == sizeof...(Sources) ? " or " : ", ") + ways[i];
                }
                problems.push_back({field.path, {}, {}, "is required but was not set", field.expected, how});
            }
        });
        // Then what the sources found wrong with themselves: unreadable files, keys matching no field.
        (sources.report(fields, problems, result.notes), ...);
        if (!problems.empty()) {
            // The notes often explain the errors: FLUXBURST_GKE__PROJCT is why "project" is missing.
            problems.insert(problems.end(), result.notes.begin(), result.notes.end());
            throw binding_error(reflect::type_name<P>, std::move(problems));
        }
        return result;
    }
}

}  // namespace detail

// Fills P from the sources, in order, later ones winning over earlier ones and over P's defaults.
// Throws orchard::binding_error listing every problem in every source.
template <class P, class... Sources>
P bind(Sources&&... sources) {
    return std::move(detail::bind_all<P, false>(P{}, sources...).value);
}

// Same, starting from `initial` instead of P{} (values set in code, then overridden by the sources).
template <class P, class... Sources>
P bind_onto(P initial, Sources&&... sources) {
    return std::move(detail::bind_all<P, false>(std::move(initial), sources...).value);
}

// Same as bind, also recording where each value came from and the sources' notes.
template <class P, class... Sources>
bound<P> bind_traced(Sources&&... sources) {
    return detail::bind_all<P, true>(P{}, sources...);
}

// Checks a struct built in code: every required field must be set, every checked<> field keep its rules.
template <class P>
void validate(const P& params) {
    const auto& fields = schema<P>();
    std::vector<problem> problems;
    detail::visit_leaves(params, [&](std::size_t index, const auto& leaf) {
        const field_info& f = fields[index];
        if (f.required && !detail::leaf_is_set(leaf))
            problems.push_back({f.path, {}, {}, "is required but was not set", f.expected, {}});
        else if (const verdict v = detail::check_leaf(leaf); !v.ok())
            problems.push_back({f.path,
                                "set in code",
                                f.secret ? std::optional<std::string>(masked_value) : detail::format_leaf(leaf),
                                v.reason(),
                                f.expected,
                                {}});
    });
    if (!problems.empty()) throw binding_error(reflect::type_name<P>, std::move(problems));
}

}  // namespace orchard
