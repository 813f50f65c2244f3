// What can be learned about a field without naming it: whether it is a bit-field or a reference.
#pragma once

#include <array>
#include <cstddef>
#include <type_traits>

namespace orchard::reflect::detail {

template <std::size_t N>
using count_constant = std::integral_constant<std::size_t, N>;

#if defined(__clang__)
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wundefined-var-template"
#pragma clang diagnostic ignored "-Wundefined-internal"
#endif
// An object of type T that is declared and never defined: reflection only takes the addresses of its
// fields during constant evaluation. A static member of a class template (rather than an `extern`
// variable template) keeps this working for function-local and unnamed-namespace types.
template <class T>
struct fake_holder {
    T value;
    static const fake_holder fake;
};

template <class T>
consteval const T& fake_object() noexcept {
    return fake_holder<T>::fake.value;
}
#if defined(__clang__)
#pragma clang diagnostic pop
#endif

struct field_shape {
    bool bit_field = false;
    bool reference = false;
};

template <std::size_t N>
struct field_shapes {
    std::array<field_shape, N> fields{};

    constexpr bool any_bit_field() const noexcept {
        for (auto f : fields)
            if (f.bit_field) return true;
        return false;
    }
    constexpr bool any_reference() const noexcept {
        for (auto f : fields)
            if (f.reference) return true;
        return false;
    }
};

}  // namespace orchard::reflect::detail
