// The service's wire protocol: length-prefixed frames of a type and string fields.
#pragma once

#include <orchard/error.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace orchard {

// A frame the peer sent that cannot be read: truncated, oversized, or not a frame at all.
class protocol_error : public error {
public:
    using error::error;
};

enum class frame_type : std::uint8_t {
    // client -> server
    login = 1,   // [proof]: hex HMAC-SHA-256 of the challenge under the shared key ("" without a key)
    send = 2,    // [id, key1, value1, key2, value2...]: a petition's id and extras
    cancel = 3,  // [id]
    status = 4,  // []
    list = 5,    // []
    // server -> client
    challenge = 16,     // [nonce, "key" or "none"]: sent first; "key" when a key is required
    welcome = 17,       // []
    refused = 18,       // [reason]: the login failed; the server closes the connection
    accepted = 19,      // [id]: the petition is queued
    line = 20,          // ["out" or "err", text]
    exit = 21,          // [cause, exit code or "", reason]: how the petition ended (an end_cause's name)
    error = 22,         // [message, problem...]: the request failed (the connection stays open unless malformed)
    ok = 23,            // []: cancel done
    status_reply = 24,  // [queued, running, workers]
    list_reply = 25,    // [id, state, priority] per petition
};

struct frame {
    frame_type type{};
    std::vector<std::string> fields{};
};

// On the wire: a 4-byte big-endian length of the rest, the type (1 byte), then each field as a
// 4-byte big-endian length and its bytes.
inline constexpr std::size_t frame_header_size = 4;

inline void append_u32(std::string& out, std::uint32_t v) {
    out += char(v >> 24);
    out += char(v >> 16);
    out += char(v >> 8);
    out += char(v);
}

inline std::uint32_t read_u32(const char* p) noexcept {
    return std::uint32_t(std::uint8_t(p[0])) << 24 | std::uint32_t(std::uint8_t(p[1])) << 16 |
           std::uint32_t(std::uint8_t(p[2])) << 8 | std::uint32_t(std::uint8_t(p[3]));
}

inline std::string encode(const frame& f) {
    std::size_t size = 1;
    for (const auto& field : f.fields) size += 4 + field.size();
    std::string out;
    out.reserve(frame_header_size + size);
    append_u32(out, std::uint32_t(size));
    out += char(f.type);
    for (const auto& field : f.fields) {
        append_u32(out, std::uint32_t(field.size()));
        out += field;
    }
    return out;
}

inline bool known_frame_type(std::uint8_t t) noexcept { return (t >= 1 && t <= 5) || (t >= 16 && t <= 25); }

// The frame in `payload` (what follows the length). Throws protocol_error, saying what is wrong.
inline frame decode(std::string_view payload) {
    if (payload.empty()) throw protocol_error("malformed frame: it is empty");
    if (!known_frame_type(std::uint8_t(payload[0])))
        throw protocol_error("malformed frame: unknown type " + std::to_string(std::uint8_t(payload[0])));
    frame f{frame_type(std::uint8_t(payload[0])), {}};
    std::size_t at = 1;
    while (at < payload.size()) {
        if (payload.size() - at < 4) throw protocol_error("malformed frame: a field length is cut short");
        const std::uint32_t length = read_u32(payload.data() + at);
        at += 4;
        if (payload.size() - at < length)
            throw protocol_error("malformed frame: a field of " + std::to_string(length) +
                                 " bytes runs past the end of the frame");
        f.fields.emplace_back(payload.substr(at, length));
        at += length;
    }
    return f;
}

}  // namespace orchard
