// Field count, field types and field visiting of aggregates, with their names.
#pragma once

#include <orchard/reflect/detail/checks.hpp>
#include <orchard/reflect/names.hpp>

#include <array>
#include <cstddef>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

namespace orchard::reflect {

// True for the types reflection accepts, without producing an error for the others. Bit-fields and
// reference fields are only diagnosed (with an error) once the type is reflected.
template <class T>
concept aggregate = std::is_class_v<T> && !std::is_union_v<T> && std::is_aggregate_v<T> && !detail::has_base<T> &&
                    !detail::has_c_array_field<T>();

// Number of fields of T; a type reflection cannot handle fails here with an `orchard:` message.
template <class T>
inline constexpr std::size_t field_count = detail::checked_count<std::remove_cv_t<T>>();

// Field I of obj, by reference (const if obj is const).
template <std::size_t I, class T>
constexpr auto& get(T& obj) noexcept {
    return detail::get<I>(obj);
}

template <class T, std::size_t I>
using field_type = std::remove_cvref_t<decltype(detail::get<I>(std::declval<std::remove_cv_t<T>&>()))>;

template <class T>
inline constexpr auto field_names = []<std::size_t... I>(std::index_sequence<I...>) {
    return std::array<std::string_view, sizeof...(I)>{field_name<std::remove_cv_t<T>, I>...};
}(std::make_index_sequence<field_count<T>>{});

template <std::size_t I>
using index_constant = std::integral_constant<std::size_t, I>;

// Calls f(name, field, index_constant<I>{}) for every field of obj, in declaration order.
template <class T, class F>
constexpr void for_each_field(T& obj, F&& f) {
    using type = std::remove_cv_t<T>;
    detail::apply_fields(obj, detail::count_constant<field_count<type>>{}, [&](auto&... fields) {
        [&]<std::size_t... I>(std::index_sequence<I...>) {
            (f(field_name<type, I>, fields, index_constant<I>{}), ...);
        }(std::make_index_sequence<sizeof...(fields)>{});
    });
}

// Index of the field called `name`, or field_count<T> when there is none.
template <class T>
constexpr std::size_t field_index(std::string_view name) noexcept {
    const auto& names = field_names<T>;
    for (std::size_t i = 0; i < names.size(); ++i)
        if (names[i] == name) return i;
    return names.size();
}

}  // namespace orchard::reflect
