// A 128-bit integer for exact arithmetic on durations and sizes (a GCC/Clang extension).
#pragma once

namespace orchard::detail {
__extension__ using int128 = __int128;
__extension__ using uint128 = unsigned __int128;
}  // namespace orchard::detail
