// A size in bytes read as batch systems write it: "512", "64K", "512M", "2G", "1.5G" (powers of 1024).
#pragma once

#include <orchard/params/detail/int128.hpp>
#include <orchard/params/value_traits.hpp>

#include <compare>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

namespace orchard {

struct byte_size {
    std::uint64_t bytes = 0;

    static constexpr byte_size kib(std::uint64_t n) noexcept { return {n << 10}; }
    static constexpr byte_size mib(std::uint64_t n) noexcept { return {n << 20}; }
    static constexpr byte_size gib(std::uint64_t n) noexcept { return {n << 30}; }
    static constexpr byte_size tib(std::uint64_t n) noexcept { return {n << 40}; }

    friend constexpr auto operator<=>(byte_size, byte_size) noexcept = default;
};

template <>
struct value_traits<byte_size> {
    static std::string describe() {
        return "a byte size (e.g. 512, 64K, 512M, 2G, 1.5G; K, M, G, T, P are powers of 1024)";
    }

    static verdict parse(std::string_view text, byte_size& out) {
        std::string_view t = detail::trim(text);
        std::size_t n = 0;
        detail::uint128 whole = 0, fraction = 0, scale = 1;
        constexpr detail::uint128 limit = std::numeric_limits<std::uint64_t>::max();
        while (n < t.size() && detail::is_digit(t[n])) {
            whole = whole * 10 + detail::uint128(t[n++] - '0');
            if (whole > limit) return verdict::failure("is out of range");
        }
        if (n == 0) return verdict::failure(t.empty() ? "is empty" : "is not a byte size");
        if (n < t.size() && t[n] == '.') {
            std::size_t digits = 0;
            for (++n; n < t.size() && detail::is_digit(t[n]) && digits < 18; ++n, ++digits) {
                fraction = fraction * 10 + detail::uint128(t[n] - '0');
                scale *= 10;
            }
            if (digits == 0) return verdict::failure("is not a byte size");
        }
        std::string_view unit = detail::trim(t.substr(n));
        // Accept "G", "g", "GB", "GiB" alike: all binary, as Slurm and friends mean them.
        if (!unit.empty() && (unit.back() == 'B' || unit.back() == 'b')) unit.remove_suffix(1);
        if (unit.size() == 2 && (unit[1] == 'i' || unit[1] == 'I')) unit.remove_suffix(1);
        unsigned shift = 0;
        if (unit.size() == 1) {
            switch (detail::to_upper(unit[0])) {
                case 'K':
                    shift = 10;
                    break;
                case 'M':
                    shift = 20;
                    break;
                case 'G':
                    shift = 30;
                    break;
                case 'T':
                    shift = 40;
                    break;
                case 'P':
                    shift = 50;
                    break;
                case 'E':
                    shift = 60;
                    break;
                default:
                    return verdict::failure("has an unknown unit (use K, M, G, T, P or E)");
            }
        } else if (!unit.empty()) {
            return verdict::failure("has an unknown unit (use K, M, G, T, P or E)");
        }
        const detail::uint128 multiplier = detail::uint128(1) << shift;
        if ((fraction * multiplier) % scale != 0) return verdict::failure("is not a whole number of bytes");
        const detail::uint128 total = whole * multiplier + fraction * multiplier / scale;
        if (total > limit) return verdict::failure("is out of range");
        out.bytes = static_cast<std::uint64_t>(total);
        return {};
    }

    static std::string format(byte_size value) {
        constexpr const char* units = "KMGTPE";
        unsigned index = 0;
        std::uint64_t n = value.bytes;
        while (n != 0 && n % 1024 == 0 && index < 6) {
            n /= 1024;
            ++index;
        }
        return std::to_string(n) + (index == 0 ? "" : std::string(1, units[index - 1]));
    }
};

}  // namespace orchard
