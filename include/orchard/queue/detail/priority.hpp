// How a queue reads an element's priority, and how (priority, sequence) becomes one comparable key.
#pragma once

#include <orchard/queue/detail/common.hpp>

#include <array>
#include <bit>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <type_traits>
#include <utility>

namespace orchard::detail {

// ---- priority sources: get(element) reads the priority; set(element, p) writes it when writable ---

template <class T>
concept has_priority_member = requires(const T& t) { t.priority; } && requires { &T::priority; } &&
                              std::is_member_object_pointer_v<decltype(&T::priority)>;

// queue<int>, queue<double>: the element is its own priority.
template <class T>
struct self_priority {
    using priority_type = T;
    static constexpr bool writable = true;
    static constexpr bool nothrow_get = true;
    static const T& get(const T& v) noexcept { return v; }
    static void set(T& v, const T& p) noexcept { v = p; }
};

template <class T, auto Member>
struct member_priority {
    using priority_type = std::remove_cvref_t<decltype(std::declval<const T&>().*Member)>;
    static constexpr bool writable = !std::is_const_v<std::remove_reference_t<decltype(std::declval<T&>().*Member)>>;
    static constexpr bool nothrow_get = true;
    static const priority_type& get(const T& v) noexcept { return v.*Member; }
    static void set(T& v, const priority_type& p) noexcept
        requires writable
    {
        v.*Member = p;
    }
};

template <class T, class Key>
struct key_priority {
    using priority_type = std::remove_cvref_t<std::invoke_result_t<const Key&, const T&>>;
    static constexpr bool writable = false;
    static constexpr bool nothrow_get = std::is_nothrow_invocable_v<const Key&, const T&>;
    static priority_type get(const T& v) noexcept(nothrow_get) { return Key{}(v); }
};

// Stands in after a static_assert has explained what is wrong, so no second error follows.
template <class T>
struct missing_priority {
    using priority_type = int;
    static constexpr bool writable = false;
    static constexpr bool nothrow_get = true;
    static int get(const T&) noexcept { return 0; }
};

// ---- mapping a priority to unsigned bits whose integer order is the priority's order -------------

template <std::size_t Bytes>
struct unsigned_of_size;
template <>
struct unsigned_of_size<1> {
    using type = std::uint8_t;
};
template <>
struct unsigned_of_size<2> {
    using type = std::uint16_t;
};
template <>
struct unsigned_of_size<4> {
    using type = std::uint32_t;
};
template <>
struct unsigned_of_size<8> {
    using type = std::uint64_t;
};

template <class P>
concept packable_priority =
    (std::is_integral_v<P> || std::is_enum_v<P> ||
     (std::is_floating_point_v<P> && std::numeric_limits<P>::is_iec559 && (sizeof(P) == 4 || sizeof(P) == 8))) &&
    (sizeof(P) == 1 || sizeof(P) == 2 || sizeof(P) == 4 || sizeof(P) == 8);

template <packable_priority P>
constexpr auto order_bits(P p) noexcept {
    using U = typename unsigned_of_size<sizeof(P)>::type;
    constexpr U top_bit = static_cast<U>(U{1} << (8 * sizeof(P) - 1));
    if constexpr (std::is_enum_v<P>) {
        return order_bits(static_cast<std::underlying_type_t<P>>(p));
    } else if constexpr (std::is_floating_point_v<P>) {
        // IEEE-754 totalOrder: flip all bits of negatives, only the sign bit of positives. -0 is
        // folded into +0 first because the two compare equal and so must tie.
        if (p == P(0)) p = P(0);
        const U b = std::bit_cast<U>(p);
        return (b & top_bit) ? static_cast<U>(~b) : static_cast<U>(b | top_bit);
    } else if constexpr (std::is_signed_v<P>) {
        return static_cast<U>(static_cast<U>(p) ^ top_bit);
    } else {
        return static_cast<U>(p);
    }
}

// ---- heap entries: each keys type says how an entry is built and compared ----------------------
// Every entry is trivially copyable and names its slot; before(a, b) is a strict total order
// because sequences are unique among queued elements.

// Priorities of up to 32 bits: key = priority bits, then 64 - bits of sequence. One 64-bit compare.
template <class P, bool Descending>
struct narrow_keys {
    struct entry {
        std::uint64_t key;
        std::uint32_t slot;
    };
    static constexpr unsigned priority_bits = 8 * sizeof(P);
    static constexpr unsigned sequence_bits = 64 - priority_bits;
    static constexpr std::uint64_t max_sequence = (std::uint64_t{1} << sequence_bits) - 1;

    static entry make(const P& p, std::uint64_t sequence, std::uint32_t slot) noexcept {
        std::uint64_t u = order_bits(p);
        if constexpr (Descending) u = ~u & ((std::uint64_t{1} << priority_bits) - 1);
        return {(u << sequence_bits) | sequence, slot};
    }
    static std::uint32_t slot_of(const entry& e) noexcept { return e.slot; }
    static std::uint64_t sequence_of(const entry& e) noexcept { return e.key & max_sequence; }
    static entry with_sequence(const entry& e, std::uint64_t s) noexcept {
        return {(e.key & ~max_sequence) | s, e.slot};
    }
    static bool before(const entry& a, const entry& b) noexcept { return a.key < b.key; }

    // What a slot remembers of its element's current entry, to tell it from stale ones.
    using identity = std::uint64_t;
    static identity identity_of(const entry& e) noexcept { return e.key; }
    static bool same(const identity& id, const entry& e) noexcept { return id == e.key; }
    static std::uint64_t sequence_of_identity(const identity& id) noexcept { return id & max_sequence; }
};

// 64-bit priorities: (priority, 32-bit sequence, slot) in one 128-bit integer, so the entry is 16
// bytes like the narrow one and one 128-bit compare (cmp + sbb) orders it. The slot bits never
// decide: sequences are unique.
template <class P, bool Descending>
struct wide_keys {
    struct entry {
        uint128 bits;
    };
    static constexpr std::uint64_t max_sequence = 0xFFFF'FFFFu;

    static entry make(const P& p, std::uint64_t sequence, std::uint32_t slot) noexcept {
        std::uint64_t u = order_bits(p);
        if constexpr (Descending) u = ~u;
        return {(uint128{u} << 64) | (uint128{sequence} << 32) | slot};
    }
    static std::uint32_t slot_of(const entry& e) noexcept { return static_cast<std::uint32_t>(e.bits); }
    static std::uint64_t sequence_of(const entry& e) noexcept { return static_cast<std::uint32_t>(e.bits >> 32); }
    static entry with_sequence(const entry& e, std::uint64_t s) noexcept {
        return {(e.bits & ~(uint128{max_sequence} << 32)) | (uint128{s} << 32)};
    }
    static bool before(const entry& a, const entry& b) noexcept { return a.bits < b.bits; }

    // Two halves rather than one uint128, so the slot header stays 8-byte aligned.
    struct identity {
        std::uint64_t high, low;
    };
    static identity identity_of(const entry& e) noexcept {
        return {static_cast<std::uint64_t>(e.bits >> 64), static_cast<std::uint64_t>(e.bits)};
    }
    static bool same(const identity& id, const entry& e) noexcept {
        return id.high == static_cast<std::uint64_t>(e.bits >> 64) && id.low == static_cast<std::uint64_t>(e.bits);
    }
    static std::uint64_t sequence_of_identity(const identity& id) noexcept { return id.low >> 32; }
};

// Any other priority type or comparator: priority first, sequence second (two comparisons). The
// comparator must not throw: sifting is noexcept, so a throwing comparator ends the program.
template <class P, class Compare>
struct generic_keys {
    struct entry {
        P priority;
        std::uint64_t sequence;
        std::uint32_t slot;
    };
    static constexpr std::uint64_t max_sequence = ~std::uint64_t{0} - 1;

    static entry make(const P& p, std::uint64_t sequence, std::uint32_t slot) noexcept { return {p, sequence, slot}; }
    static std::uint32_t slot_of(const entry& e) noexcept { return e.slot; }
    static std::uint64_t sequence_of(const entry& e) noexcept { return e.sequence; }
    static entry with_sequence(entry e, std::uint64_t s) noexcept {
        e.sequence = s;
        return e;
    }
    static bool before(const entry& a, const entry& b) noexcept {
        const Compare c{};
        if (c(a.priority, b.priority)) return true;
        if (c(b.priority, a.priority)) return false;
        return a.sequence < b.sequence;
    }

    // The priority as bytes, so that slot headers need no default-constructible priority (a
    // trivially copyable one is enough, e.g. a deadline type without a default constructor).
    struct identity {
        std::array<std::byte, sizeof(P)> priority;
        std::uint64_t sequence;
    };
    static identity identity_of(const entry& e) noexcept {
        return {std::bit_cast<std::array<std::byte, sizeof(P)>>(e.priority), e.sequence};
    }
    static bool same(const identity& id, const entry& e) noexcept {
        const entry x{std::bit_cast<P>(id.priority), id.sequence, e.slot};
        return !before(x, e) && !before(e, x);
    }
    static std::uint64_t sequence_of_identity(const identity& id) noexcept { return id.sequence; }
};

}  // namespace orchard::detail
