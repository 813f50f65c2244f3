// Compile-time checks that a type has the shape reflection supports, with errors that say what to change.
#pragma once

#include <orchard/reflect/detail/bindings.hpp>

#include <boost/pfr/tuple_size.hpp>

#include <cstddef>
#include <type_traits>
#include <utility>

namespace orchard::reflect::detail {

template <class>
inline constexpr bool always_false = false;

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

template <class T>
inline constexpr bool has_base = requires { T{to_base<T>{}}; };

// Parenthesised aggregate initialisation does no brace elision, so it accepts exactly one
// initializer per field. Boost.PFR counts braced initializers, where a C array `int a[3]` takes
// three: the two counts agree exactly when T has no C array field.
template <class T, std::size_t... I>
constexpr bool one_initializer_per_field(std::index_sequence<I...>) {
    return requires { T((void(I), to_any_field<T>{})...); };
}

template <class T>
constexpr bool has_c_array_field() {
    constexpr std::size_t n = boost::pfr::tuple_size_v<T>;
    if constexpr (n == 0) return false;
    else return !one_initializer_per_field<T>(std::make_index_sequence<n>{});
}

template <class T>
consteval auto inspect_all() {
    constexpr std::size_t n = boost::pfr::tuple_size_v<T>;
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
        static_assert(always_false<T>,
            "orchard: this struct has a base class, which reflection does not support: move the base's fields "
            "into the struct, or make the base a named field (struct my_params { common_params common; ... })");
        return false;
    } else if constexpr (has_c_array_field<T>()) {
        static_assert(always_false<T>,
            "orchard: this struct has a C array field (T name[N]): use std::array<T, N> or std::vector<T> instead");
        return false;
    } else if constexpr (boost::pfr::tuple_size_v<T> > max_inspected_fields) {
        static_assert(always_false<T>,
            "orchard: this struct has more than 64 fields: group related fields into nested structs "
            "(or raise the limit with scripts/generate-reflect-bindings)");
        return false;
    } else {
        constexpr auto shapes = inspect_all<T>();
        if constexpr (shapes.any_bit_field()) {
            static_assert(always_false<T>,
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

}  // namespace orchard::reflect::detail
