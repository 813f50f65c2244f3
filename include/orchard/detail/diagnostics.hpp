// Compile-time diagnostics shared by every module: one error per mistake, and probes that find a
// member by its name alone, so that a hook whose signature is wrong is an error instead of ignored.
#pragma once

#include <cstddef>
#include <type_traits>

namespace orchard::detail {

template <class...>
inline constexpr bool always_false = false;

// Reports `Error` (a struct whose static_assert says what is wrong) when `Failed`: a member type that
// completes the error type. Nothing else may read a constant out of an error type: clang would then
// fail every constant computed from it too, burying the sentence in a cascade.
template <bool Failed, class Error>
struct report_error {
    using type = void;
};
template <class Error>
struct report_error<true, Error> {
    using type = decltype(sizeof(Error));
};
template <bool Failed, class Error>
using reported = typename report_error<Failed, Error>::type;

// The I-th of Ts, to name the offending one of a pack in an error.
template <std::size_t I, class... Ts>
struct type_at;
template <class T, class... Ts>
struct type_at<0, T, Ts...> {
    using type = T;
};
template <std::size_t I, class T, class... Ts>
struct type_at<I, T, Ts...> : type_at<I - 1, Ts...> {};

}  // namespace orchard::detail

// Declares orchard::detail::has_member_NAME<T>(): whether class T declares (or inherits) a member
// called NAME of any kind: a function with any signature, an overload set, a template, a data member.
// In a class deriving from both T and a probe that declares NAME, the name is then ambiguous. A final
// class cannot be derived from: there only a single, non-template member function or data member is seen.
#define ORCHARD_DETAIL_MEMBER_PROBE(NAME)                                     \
    namespace orchard::detail {                                               \
    struct NAME##_member_probe {                                              \
        int NAME;                                                             \
    };                                                                        \
    template <class T>                                                        \
    struct NAME##_member_mix : T, NAME##_member_probe {};                     \
    template <class T>                                                        \
    constexpr bool has_member_##NAME() {                                      \
        if constexpr (!std::is_class_v<T>) return false;                      \
        else if constexpr (std::is_final_v<T>) return requires { &T::NAME; }; \
        else return !requires { &NAME##_member_mix<T>::NAME; };               \
    }                                                                         \
    }
