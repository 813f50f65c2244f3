// Compile-time field names of aggregates: Boost.PFR's when it has them, ours otherwise.
#pragma once

#include <orchard/config.hpp>
#include <orchard/reflect/detail/checks.hpp>

#if ORCHARD_USE_PFR_NAMES
#include <boost/pfr/core_name.hpp>
#endif

#include <array>
#include <cstddef>
#include <string_view>

namespace orchard::reflect {
namespace detail {

// A pointer to a subobject of the never-defined fake object, as a template argument. clang only
// accepts such pointers when they are wrapped in a class-type template argument.
template <class T>
struct pointer_wrapper {
    const T* pointer;
};
template <class T>
pointer_wrapper(const T*) -> pointer_wrapper<T>;

template <auto Wrapper>
consteval std::string_view pretty_function() noexcept {
    return __PRETTY_FUNCTION__;
}

template <class T, std::size_t I>
consteval auto field_pointer() noexcept {
    return pointer_wrapper{&detail::get<I>(fake_object<T>())};
}

// The compiler prints the template argument as `...value.S::name)}` (gcc) or `&fake.value.name}`
// (clang), followed by text that does not depend on the field. A probe with a known field name
// measures that trailing text; the name is then the identifier that ends just before it.
struct name_probe {
    int orchard_name_probe;
};

consteval std::size_t trailing_text_length() noexcept {
    constexpr std::string_view probe = pretty_function<field_pointer<name_probe, 0>()>();
    constexpr std::string_view marker = "orchard_name_probe";
    return probe.size() - (probe.rfind(marker) + marker.size());
}

constexpr bool is_identifier_char(char c) noexcept {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

consteval std::string_view cut_field_name(std::string_view pretty) noexcept {
    const std::string_view before = pretty.substr(0, pretty.size() - trailing_text_length());
    std::size_t begin = before.size();
    while (begin > 0 && is_identifier_char(before[begin - 1])) --begin;
    return before.substr(begin);
}

template <class T, std::size_t I>
consteval std::string_view extracted_name() noexcept {
#if ORCHARD_USE_PFR_NAMES
    return boost::pfr::get_name<I, T>();
#else
    return cut_field_name(pretty_function<field_pointer<T, I>()>());
#endif
}

// The name is copied into a static array of its own, so nothing refers to the (large) function
// signature the compiler generated for the extraction.
template <class T, std::size_t I>
struct name_storage {
    static constexpr std::string_view source = extracted_name<T, I>();
    static constexpr auto chars = [] {
        std::array<char, source.size() + 1> out{};
        for (std::size_t i = 0; i < source.size(); ++i) out[i] = source[i];
        return out;
    }();
};

}  // namespace detail

// The name of field I of aggregate T, as declared: `field_name<job, 0> == "priority"`.
template <class T, std::size_t I>
    requires(detail::check_reflectable<T>())
inline constexpr std::string_view field_name{detail::name_storage<T, I>::chars.data(),
                                             detail::name_storage<T, I>::source.size()};

}  // namespace orchard::reflect

namespace orchard::reflect {
namespace detail {
template <class T>
consteval std::string_view type_signature() noexcept {
    return __PRETTY_FUNCTION__;
}
// gcc prints "[with T = ns::name; ...]" and clang "[T = ns::name]".
template <class T>
consteval std::string_view cut_type_name() noexcept {
    std::string_view s = type_signature<T>();
    s.remove_prefix(s.find("T = ") + 4);
    return s.substr(0, s.find_first_of(";]"));
}
template <class T>
struct type_name_storage {
    static constexpr std::string_view source = cut_type_name<T>();
    static constexpr auto chars = [] {
        std::array<char, source.size() + 1> out{};
        for (std::size_t i = 0; i < source.size(); ++i) out[i] = source[i];
        return out;
    }();
};
}  // namespace detail

// The name of type T as the compiler spells it, e.g. "app::gke_params", for messages.
template <class T>
inline constexpr std::string_view type_name{detail::type_name_storage<T>::chars.data(),
                                            detail::type_name_storage<T>::source.size()};
}  // namespace orchard::reflect
