// The service's challenge-response login, shared by the server and the client: the server sends a
// nonce, the client proves it knows the shared key with an HMAC of it; the key never crosses the wire.
#pragma once

#include <orchard/service/detail/sha256.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <string_view>

namespace orchard {
namespace detail {

// The proof for a nonce under a key: hex HMAC-SHA-256 of "orchard-login:" + nonce.
inline std::string login_proof(std::string_view key, std::string_view nonce) {
    return to_hex(hmac_sha256(key, "orchard-login:" + std::string(nonce)));
}

inline std::string random_nonce() {
    std::random_device device;
    std::array<std::uint8_t, 32> bytes{};
    for (auto& b : bytes) b = std::uint8_t(device());
    sha256_digest d{};
    std::copy(bytes.begin(), bytes.end(), d.begin());
    return to_hex(d);
}

// Why the server refuses a login proof, or nothing when it is accepted (any, without a key).
inline std::optional<std::string> login_refusal(std::string_view key, std::string_view nonce, std::string_view proof) {
    if (key.empty()) return std::nullopt;
    if (proof.empty()) return "this service requires a key (--key or --key-file)";
    const std::string expected = login_proof(key, nonce);
    if (proof.size() != expected.size() || !equal_in_constant_time(proof.data(), expected.data(), expected.size()))
        return "wrong key";
    return std::nullopt;
}

}  // namespace detail
}  // namespace orchard
