// Compile-time checks that a type has the shape reflection supports, with errors that say what to change.
#pragma once

#include <orchard/reflect/detail/bindings.hpp>

#include <cstddef>
#include <tuple>
#include <type_traits>
#include <utility>

namespace orchard::reflect::detail {

template <class>
inline constexpr bool always_false = false;

// The probes below are only ever used in unevaluated checks, so their conversions are never defined.
#if defined(__clang__)
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wundefined-internal"
#endif

// Converts only to the bases of T: `T{to_base<T>{}}` compiles exactly when T's first initializer
// is a base class subobject, i.e. when T has a base.
template <class T>
struct to_base {
    template <class B>
        requires(std::is_base_of_v<B, T> && !std::is_same_v<B, T>)
    operator B&() const noexcept;
};

// Converts to any field type (but not to T itself, which would turn T(x) into a copy). As in
// Boost.PFR, lvalues suit copyable structs and rvalues suit structs with move-only fields.
template <class T>
struct to_any_field {
    template <class U>
        requires(!std::is_same_v<std::remove_cv_t<U>, T> && std::is_copy_constructible_v<T>)
    operator U&() const noexcept;
    template <class U>
        requires(!std::is_same_v<std::remove_cv_t<U>, T> && !std::is_copy_constructible_v<T>)
    operator U&&() const noexcept;
};

#if defined(__clang__)
#pragma clang diagnostic pop
#endif

template <class T>
inline constexpr bool has_base = requires { T{to_base<T>{}}; };

template <class T, std::size_t... I>
constexpr bool brace_initializable(std::index_sequence<I...>) {
    return requires { T{(void(I), to_any_field<T>{})...}; };
}

// Parenthesised aggregate initialisation (C++20) does no brace elision: one initializer per field.
template <class T, std::size_t... I>
constexpr bool paren_initializable(std::index_sequence<I...>) {
    return requires { T((void(I), to_any_field<T>{})...); };
}

template <class T, bool Paren, std::size_t N>
constexpr bool initializable() {
    if constexpr (Paren) return paren_initializable<T>(std::make_index_sequence<N>{});
    else return brace_initializable<T>(std::make_index_sequence<N>{});
}

// The largest n in [Low, High] for which T can be initialised from n initializers, given that it can
// from Low. When T{} is valid, every n up to the field count is valid too: a binary search suffices.
template <class T, bool Paren, std::size_t Low, std::size_t High>
consteval std::size_t search_initializers() {
    if constexpr (Low == High) {
        return Low;
    } else {
        constexpr std::size_t middle = (Low + High + 1) / 2;
        if constexpr (initializable<T, Paren, middle>()) return search_initializers<T, Paren, middle, High>();
        else return search_initializers<T, Paren, Low, middle - 1>();
    }
}

// Without T{} (a field that cannot be default-initialised), only the exact count works: scan down.
template <class T, bool Paren, std::size_t N>
consteval std::size_t scan_initializers() {
    if constexpr (N == 0 || initializable<T, Paren, N>()) return N;
    else return scan_initializers<T, Paren, N - 1>();
}

template <class T, bool Paren, std::size_t Limit>
consteval std::size_t max_initializers() {
    if constexpr (requires { T{}; }) return search_initializers<T, Paren, 0, Limit>();
    else return scan_initializers<T, Paren, Limit>();
}

// Field counts as braced initialisation sees them (a C array field counts once per element) and as
// parenthesised initialisation sees them (once per field). One past the supported maximum means "too many".
template <class T>
inline constexpr std::size_t braced_count = max_initializers<T, false, max_inspected_fields + 1>();
template <class T>
inline constexpr std::size_t field_count_of = max_initializers<T, true, max_inspected_fields + 1>();

template <class T>
constexpr bool has_c_array_field() {
    return braced_count<T> != field_count_of<T>;
}

template <class T>
consteval auto inspect_all() {
    constexpr std::size_t n = field_count_of<T>;
    if constexpr (n == 0) return field_shapes<0>{};
    else return inspect<T>(count_constant<n>{});
}

// True when T can be reflected; otherwise fails with one `orchard:` sentence naming the problem.
// Each check runs only when the previous ones passed, so the first error is the only one.
template <class T>
consteval bool check_reflectable() {
    if constexpr (!std::is_class_v<T> || std::is_union_v<T>) {
        static_assert(always_false<T>,
                      "orchard: reflection needs a struct (a plain aggregate with public fields); this type is not a "
                      "class type, or is a union");
        return false;
    } else if constexpr (!std::is_aggregate_v<T>) {
        static_assert(always_false<T>,
                      "orchard: this type is not an aggregate: remove its user-declared constructors, make every field "
                      "public and drop virtual functions (a plain struct with default member initializers works)");
        return false;
    } else if constexpr (has_base<T>) {
        static_assert(
            always_false<T>,
            "orchard: this struct has a base class, which reflection does not support: move the base's fields "
            "into the struct, or make the base a named field (struct my_params { common_params common; ... })");
        return false;
    } else if constexpr (has_c_array_field<T>()) {
        static_assert(
            always_false<T>,
            "orchard: this struct has a C array field (T name[N]): use std::array<T, N> or std::vector<T> instead");
        return false;
    } else if constexpr (field_count_of<T> > max_inspected_fields) {
        static_assert(always_false<T>,
                      "orchard: this struct has more than 64 fields: group related fields into nested structs "
                      "(or raise the limit with scripts/generate-reflect-bindings)");
        return false;
    } else {
        constexpr auto shapes = inspect_all<T>();
        if constexpr (shapes.any_bit_field()) {
            static_assert(
                always_false<T>,
                "orchard: this struct has a bit-field (T name : bits), which cannot be reflected: declare the "
                "field as a plain integer (std::uint8_t, bool...) instead");
            return false;
        } else if constexpr (shapes.any_reference()) {
            static_assert(always_false<T>,
                          "orchard: this struct has a reference field (T& name): store a value, a pointer, or a "
                          "std::reference_wrapper<T> instead");
            return false;
        } else {
            return true;
        }
    }
}

template <class T>
consteval std::size_t checked_count() {
    if constexpr (check_reflectable<T>()) return field_count_of<T>;
    else return 0;
}

// Field I of obj through a structured binding (Boost.PFR 1.81's field counting crashes g++-12 on
// aggregates whose default member initializers hold a braced list of strings, so it is not used).
template <std::size_t I, class T>
constexpr auto& get(T& obj) noexcept {
    return apply_fields(obj, count_constant<field_count_of<std::remove_cv_t<T>>>{},
                        [](auto&... fields) -> auto& { return std::get<I>(std::tie(fields...)); });
}

}  // namespace orchard::reflect::detail
