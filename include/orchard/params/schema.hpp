// The fields of a parameter struct, flattened: paths, types, defaults, markers and help text.
#pragma once

#include <orchard/detail/diagnostics.hpp>
#include <orchard/detail/fixed_string.hpp>
#include <orchard/params/markers.hpp>
#include <orchard/params/value_traits.hpp>
#include <orchard/reflect.hpp>

#include <array>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace orchard {

// Help text for one field, declared in the struct itself:
//   static constexpr orchard::field_help help[] = {{"cluster_name", "Name of the cluster"}};
struct field_help {
    std::string_view field;
    std::string_view text;
};

enum class value_shape { scalar, list, map };

// Everything known about one leaf field of a parameter struct.
struct field_info {
    std::string path;                         // "cluster_name", "outer.inner" (a trailing '_' dropped)
    std::string key;                          // path in lower case with '_' for '-': how sources match it
    std::string_view help;                    // from the struct's `help` table, empty if none
    std::string expected;                     // what a valid value looks like
    std::optional<std::string> default_text;  // the default as text; empty for required or unset optional
    bool required = false;
    bool secret = false;
    bool optional = false;
    bool positional = false;
    bool flag = false;  // a bool: `--name` alone means true, `--no-name` false
    value_shape shape = value_shape::scalar;
};

namespace detail {

// Peels markers off a field type, collecting what they say; `value` is the type that is parsed,
// `check(value)` applies the rules of every checked<> around it, `rules()` describes them.
template <class F>
struct peel {
    using value = F;
    static constexpr bool is_marked = false;
    static constexpr bool required = false, secret = false, optional = false, positional = false;
    static verdict check(const value&) { return {}; }
    static std::string rules() { return {}; }
};
template <class T>
struct peel<required<T>> : peel<T> {
    static constexpr bool is_marked = true, required = true;
};
template <class T>
struct peel<secret<T>> : peel<T> {
    static constexpr bool is_marked = true, secret = true;
};
template <class T>
struct peel<positional<T>> : peel<T> {
    static constexpr bool is_marked = true, positional = true;
};
template <class T>
struct peel<std::optional<T>> : peel<T> {
    static constexpr bool is_marked = true, optional = true;
};
template <class T, class... Rules>
struct peel<checked<T, Rules...>> : peel<T> {
    static constexpr bool is_marked = true;
    static verdict check(const typename peel<T>::value& v) {
        verdict result;
        ((result.ok() ? void(result = Rules::check(v)) : void()), ...);
        return result.ok() ? peel<T>::check(v) : result;
    }
    static std::string rules() {
        std::string out;
        ((out += (out.empty() ? "" : ", ") + Rules::describe()), ...);
        const std::string inner = peel<T>::rules();
        return inner.empty() ? out : out + ", " + inner;
    }
};

template <class T>
inline constexpr bool is_computed = false;
template <class T>
inline constexpr bool is_computed<computed<T>> = true;
template <class T>
inline constexpr bool is_embedded = false;
template <class T>
inline constexpr bool is_embedded<embedded<T>> = true;

template <class T>
inline constexpr bool is_list = false;
template <class T, class A>
inline constexpr bool is_list<std::vector<T, A>> = true;
template <class T, std::size_t N>
inline constexpr bool is_list<std::array<T, N>> = true;  // a list too, of a fixed length
template <class T>
inline constexpr bool is_map = false;
template <class T, class C, class A>
inline constexpr bool is_map<std::map<std::string, T, C, A>> = true;

template <class F>
concept leaf_field = !is_embedded<F> && !is_computed<F> && (peel<F>::is_marked || parsable_value<F>);

// A nested struct: bound under the field's name ("outer.inner"), or without a prefix when embedded.
template <class F>
concept nested_params = (!leaf_field<F> && !is_computed<F> && !is_embedded<F> && reflect::aggregate<F>) ||
                        (is_embedded<F> && reflect::aggregate<typename F::value_type>);

template <class Parent, std::size_t Index, class Field>
consteval void unsupported_field() {
    static_assert(
        leaf_field<Field> || nested_params<Field> || is_computed<Field>,
        "orchard: a field of this parameter struct has a type that is neither a value (bool, integer, "
        "floating point, std::string, path, duration, byte_size, enum, std::optional, std::vector, "
        "std::array, std::map<std::string, T>, or a type with an orchard::value_traits specialization) nor a nested "
        "struct of parameters; the instantiation below names the struct, the field index and the type");
    static_assert(!leaf_field<Field> || parsable_value<typename peel<Field>::value>,
                  "orchard: a marked field (required, secret, positional, std::optional) wraps a type that is not a "
                  "value: specialize orchard::value_traits for it");
}

// Calls f(index, leaf) for every leaf field, depth-first in declaration order.
template <class P, class F>
void visit_leaves(P& params, std::size_t& index, F& f) {
    reflect::for_each_field(params, [&](std::string_view, auto& field, auto field_index) {
        using Field = std::remove_cvref_t<decltype(field)>;
        unsupported_field<std::remove_cv_t<P>, field_index(), Field>();
        if constexpr (leaf_field<Field>) f(index++, field);
        else if constexpr (is_embedded<Field>) visit_leaves(field.value(), index, f);
        else if constexpr (nested_params<Field>) visit_leaves(field, index, f);
    });
}

template <class P, class F>
void visit_leaves(P& params, F&& f) {
    std::size_t index = 0;
    visit_leaves(params, index, f);
}

// The index of the first entry of P's `help` table that names no field of P, or the table's size.
template <class P>
consteval std::size_t help_entry_without_field() {
    if constexpr (requires { P::help; }) {
        for (std::size_t i = 0; i < std::size(P::help); ++i) {
            const std::string_view entry = P::help[i].field;
            bool found = false;
            for (std::string_view name : reflect::field_names<P>) {
                if (name == entry) found = true;
                if (!name.empty() && name.back() == '_' && name.substr(0, name.size() - 1) == entry) found = true;
            }
            if (!found) return i;
        }
        return std::size(P::help);
    } else {
        return 0;
    }
}

template <class P>
consteval bool help_names_fields() {
    if constexpr (requires { P::help; }) return help_entry_without_field<P>() == std::size(P::help);
    else return true;
}

template <fixed_string Entry, class Params>
struct help_entry_names_no_field {
    static_assert(always_false<Params>,
                  "orchard: the struct's `help` table has an entry for a field the struct does not have; the entry "
                  "is the first template argument of orchard::detail::help_entry_names_no_field in this error, the "
                  "struct the second");
};

// Reports the first wrong entry by name.
template <class P, bool Wrong = !help_names_fields<P>()>
struct help_table_check {
    using type = void;
};
template <class P>
struct help_table_check<P, true> {
    static constexpr std::string_view entry = P::help[help_entry_without_field<P>()].field;
    using type = reported<true, help_entry_names_no_field<fixed_name<entry.size() + 1>(entry), P>>;
};

template <class P>
constexpr std::string_view help_of(std::string_view field) {
    if constexpr (requires { P::help; }) {
        for (const field_help& h : P::help)
            if (h.field == field) return h.text;
    }
    return {};
}

// Field names drop one trailing '_' (`namespace_` is set as `namespace`), as keywords need it in C++.
constexpr std::string_view display_name(std::string_view name) {
    return (name.size() > 1 && name.back() == '_') ? name.substr(0, name.size() - 1) : name;
}

inline std::string canonical_key(std::string_view path) {
    std::string key(path);
    for (char& c : key) c = key_char(c);
    return key;
}

template <class T>
inline constexpr bool is_required = false;
template <class T>
inline constexpr bool is_required<required<T>> = true;
template <class T>
inline constexpr bool is_std_optional = false;
template <class T>
inline constexpr bool is_std_optional<std::optional<T>> = true;

// The leaf's value under its markers; nullptr when it holds none (unset required or optional).
template <class F>
const typename peel<F>::value* leaf_value(const F& field) {
    if constexpr (is_required<F> || is_std_optional<F>) {
        if (!field.has_value()) return nullptr;
        return leaf_value(*field);
    } else if constexpr (peel<F>::is_marked) {  // secret, positional, checked
        return leaf_value(field.value());
    } else {
        return &field;
    }
}

// The rules of the leaf's checked<> markers, applied to the value it holds.
template <class F>
verdict check_leaf(const F& field) {
    const auto* v = leaf_value(field);
    return v ? peel<F>::check(*v) : verdict{};
}

// The leaf's current value as text; nullopt when it holds none (unset required or optional).
template <class F>
std::optional<std::string> format_leaf(const F& field) {
    if constexpr (is_required<F> || is_std_optional<F>) {
        if (!field.has_value()) return std::nullopt;
        return format_leaf(*field);
    } else if constexpr (peel<F>::is_marked) {  // secret, positional
        return format_leaf(field.value());
    } else {
        return value_traits<F>::format(field);
    }
}

template <class P, class F>
void visit_leaf_infos(const P& params, const std::string& prefix, F& f) {
    using help_checked [[maybe_unused]] = typename help_table_check<P>::type;
    reflect::for_each_field(params, [&](std::string_view name, const auto& field, auto field_index) {
        using Field = std::remove_cvref_t<decltype(field)>;
        unsupported_field<P, field_index(), Field>();
        const std::string path = prefix + std::string(display_name(name));
        if constexpr (leaf_field<Field>) {
            using pl = peel<Field>;
            using value = typename pl::value;
            field_info info;
            info.path = path;
            info.key = canonical_key(path);
            info.help = help_of<P>(display_name(name));
            if (info.help.empty()) info.help = help_of<P>(name);
            info.expected = value_traits<value>::describe();
            if (const std::string rules = pl::rules(); !rules.empty()) info.expected += ", " + rules;
            info.default_text = format_leaf(field);
            info.required = pl::required;
            info.secret = pl::secret;
            info.optional = pl::optional;
            info.positional = pl::positional;
            info.flag = std::is_same_v<value, bool>;
            info.shape = is_list<value> ? value_shape::list : is_map<value> ? value_shape::map : value_shape::scalar;
            f(std::move(info), field);
        } else if constexpr (is_embedded<Field>) {
            visit_leaf_infos(field.value(), prefix, f);
        } else if constexpr (nested_params<Field>) {
            visit_leaf_infos(field, path + ".", f);
        }
    });
}

}  // namespace detail

// The flattened fields of P, computed once. P must be default-constructible: defaults come from it.
template <class P>
const std::vector<field_info>& schema() {
    if constexpr (!reflect::detail::check_reflectable<P>()) {
        static const std::vector<field_info> none;  // the check above has already failed with a message
        return none;
    } else {
        static_assert(std::is_default_constructible_v<P>,
                      "orchard: a parameter struct must be default-constructible: defaults come from P{}");
        static const std::vector<field_info> fields = [] {
            std::vector<field_info> out;
            const P defaults{};
            auto collect = [&](field_info info, const auto&) { out.push_back(std::move(info)); };
            detail::visit_leaf_infos(defaults, std::string{}, collect);
            // Embedded structs share their parent's keys: two fields must not answer to one.
            for (std::size_t i = 0; i < out.size(); ++i)
                for (std::size_t j = 0; j < i; ++j)
                    if (out[i].key == out[j].key)
                        throw error("orchard: " + std::string(reflect::type_name<P>) + " has two fields bound as \"" +
                                    out[i].path + "\" (an embedded struct repeats a field of the struct)");
            return out;
        }();
        return fields;
    }
}

}  // namespace orchard
