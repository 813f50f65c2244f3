// Field markers: required<T> (must come from some source), secret<T> (never shown), positional<T>
// (argv), checked<T, Rules...> (a value with rules), computed<T> (never bound), embedded<T> (fields
// without a prefix).
#pragma once

#include <orchard/error.hpp>
#include <orchard/verdict.hpp>

#include <concepts>
#include <optional>
#include <ostream>
#include <string>
#include <type_traits>
#include <utility>

namespace orchard {

// A value that some source must provide; binding fails, naming the field, when none does.
template <class T>
class required {
public:
    using value_type = T;

    required() = default;
    template <class U = T>
        requires(std::constructible_from<T, U &&> && !std::same_as<std::remove_cvref_t<U>, required>)
    required(U&& value) : value_(std::forward<U>(value)) {}

    bool has_value() const noexcept { return value_.has_value(); }
    T& value() & {
        if (!value_) throw_unset();
        return *value_;
    }
    const T& value() const& {
        if (!value_) throw_unset();
        return *value_;
    }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }

    friend bool operator==(const required&, const required&) = default;

private:
    [[noreturn]] static void throw_unset() {
        throw error("a required parameter was read before it was set (bind or validate the struct first)");
    }
    std::optional<T> value_;
};

namespace detail {

// The value and its accessors, shared by secret<T> and positional<T>; Self keeps the converting
// constructor from hijacking copies of the marker itself.
template <class T, class Self>
class marked_value {
public:
    using value_type = T;

    marked_value() = default;
    template <class U = T>
        requires(std::constructible_from<T, U &&> && !std::same_as<std::remove_cvref_t<U>, Self>)
    marked_value(U&& value) : value_(std::forward<U>(value)) {}

    T& value() & noexcept { return value_; }
    const T& value() const& noexcept { return value_; }
    T& operator*() & noexcept { return value_; }
    const T& operator*() const& noexcept { return value_; }
    T* operator->() noexcept { return &value_; }
    const T* operator->() const noexcept { return &value_; }

    friend bool operator==(const marked_value&, const marked_value&) = default;

private:
    T value_{};
};

}  // namespace detail

// A value shown as **** in every dump, error and stream; it may also be read from a file named by
// the source's `<name>_file` key (e.g. FLUXBURST_TOKEN_FILE), as container secrets are delivered.
template <class T>
class secret : public detail::marked_value<T, secret<T>> {
public:
    using detail::marked_value<T, secret<T>>::marked_value;

    friend bool operator==(const secret&, const secret&) = default;
    // Logging a secret by accident shows the mask, not the value.
    friend std::ostream& operator<<(std::ostream& out, const secret&) { return out << "****"; }
};

// A command-line field filled from the next positional argument (in field order) instead of --name.
template <class T>
class positional : public detail::marked_value<T, positional<T>> {
public:
    using detail::marked_value<T, positional<T>>::marked_value;

    friend bool operator==(const positional&, const positional&) = default;
};

inline constexpr const char* masked_value = "****";

// A value that must also satisfy rules: `orchard::checked<int, orchard::at_least<0>> counter = 1;`.
// A value that breaks one is a binding problem with its source, like a value that does not parse.
// Reads as a T (it converts to const T&), so `p.counter * 2` works.
template <class T, class... Rules>
class checked : public detail::marked_value<T, checked<T, Rules...>> {
public:
    using detail::marked_value<T, checked<T, Rules...>>::marked_value;

    operator const T&() const noexcept { return this->value(); }
    friend bool operator==(const checked&, const checked&) = default;
};

// Rules for checked<T, Rules...>: static verdict check(const T&) and static std::string describe().
template <auto Min>
struct at_least {
    template <class T>
    static verdict check(const T& v) {
        if (v < static_cast<T>(Min)) return verdict::failure("is less than " + std::to_string(Min));
        return {};
    }
    static std::string describe() { return "at least " + std::to_string(Min); }
};
template <auto Max>
struct at_most {
    template <class T>
    static verdict check(const T& v) {
        if (v > static_cast<T>(Max)) return verdict::failure("is more than " + std::to_string(Max));
        return {};
    }
    static std::string describe() { return "at most " + std::to_string(Max); }
};
struct not_empty {
    template <class T>
    static verdict check(const T& v) {
        if (v.empty()) return verdict::failure("is empty");
        return {};
    }
    static std::string describe() { return "not empty"; }
};

// A field that no source sets: computed in code after binding (a priority derived from other
// fields). A source that gives it is told so.
template <class T>
class computed : public detail::marked_value<T, computed<T>> {
public:
    using detail::marked_value<T, computed<T>>::marked_value;

    operator const T&() const noexcept { return this->value(); }
    computed& operator=(const T& v) {
        this->value() = v;
        return *this;
    }
    friend bool operator==(const computed&, const computed&) = default;
};

// A struct whose fields are bound as the parent's own, without a prefix: a command that embeds
// `orchard::embedded<service_params> service;` takes --socket, not --service.socket.
template <class T>
class embedded : public detail::marked_value<T, embedded<T>> {
public:
    using detail::marked_value<T, embedded<T>>::marked_value;

    friend bool operator==(const embedded&, const embedded&) = default;
};

}  // namespace orchard
