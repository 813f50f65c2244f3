// Named policies that configure orchard::priority_queue and orchard::bucket_queue, Boost.Heap style.
#pragma once

#include <cstddef>
#include <type_traits>

namespace orchard {

// Number of children of each heap node. 4 is the default: four 16-byte entries fill one cache line,
// and the heap is half as deep as a binary one.
template <std::size_t D>
struct arity {
    static_assert(D >= 2 && D <= 64, "orchard: arity<D> needs 2 <= D <= 64 (each heap node has D children)");
    static constexpr std::size_t value = D;
};

// Read the priority from this data member instead of the default member named `priority`.
template <auto Member>
struct priority_member {
    static_assert(std::is_member_object_pointer_v<decltype(Member)>,
                  "orchard: priority_member<M> takes a pointer to a data member, e.g. priority_member<&job::urgency>");
};

// Compute the priority with a stateless key function: KeyFunction{}(const T&) returns it.
// A captureless lambda works: priority_key<decltype([](const job& j) { return j.nice * 2; })>.
template <class KeyFunction>
struct priority_key {
    static_assert(std::is_empty_v<KeyFunction> && std::is_default_constructible_v<KeyFunction>,
                  "orchard: priority_key<F> needs a stateless, default-constructible key function type "
                  "(a captureless lambda or an empty struct with operator())");
};

// Higher priority values come out first (the default is lower first). Same as compare<std::greater<>>.
struct higher_first {};

// Order priorities with a stateless comparator: Compare{}(a, b) is true when a comes out before b.
// std::less<> (the default) and std::greater<> keep the packed one-comparison key; any other
// comparator compares priorities first and submission order second.
template <class Compare>
struct compare {
    static_assert(std::is_default_constructible_v<Compare>,
                  "orchard: compare<C> needs a default-constructible (stateless) comparator type");
};

// A priority known at compile time, for update(handle, priority_c<0>): a bucket_queue checks it
// against its levels when the program is compiled.
template <auto V>
inline constexpr std::integral_constant<decltype(V), V> priority_c{};

}  // namespace orchard
