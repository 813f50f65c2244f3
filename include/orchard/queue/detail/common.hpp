// Small shared pieces of the queue internals: the 128-bit key type, no_slot, an inlining attribute.
#pragma once

#include <orchard/config.hpp>  // GNU-compatible compilers only: __int128, __builtin_prefetch

#include <cstdint>

// The few helpers of a sift loop must be inlined into it: left to itself, the compiler keeps them
// out of line in large translation units and pays a call per heap level.
#define ORCHARD_QUEUE_INLINE [[gnu::always_inline]] inline

namespace orchard::detail {

template <class...>
inline constexpr bool queue_always_false = false;

inline constexpr std::uint32_t no_slot = 0xFFFF'FFFFu;

// Stable 64-bit priorities pack (priority, sequence, slot) into one 128-bit key so that a single
// integer comparison orders them. __extension__ keeps -Wpedantic quiet about the GNU type.
__extension__ typedef unsigned __int128 uint128;

}  // namespace orchard::detail
