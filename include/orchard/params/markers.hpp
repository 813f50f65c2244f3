// Field markers: required<T> (must come from some source), secret<T> (never shown), positional<T> (argv).
#pragma once

#include <orchard/error.hpp>

#include <concepts>
#include <optional>
#include <ostream>
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

}  // namespace orchard
