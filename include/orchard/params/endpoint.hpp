// orchard::endpoint: where a service listens or a client connects, a Unix socket path or a TCP host
// and port, read like any other value: "/run/app.sock", "host:8080", "[::1]:8080", "8080".
#pragma once

#include <orchard/params/detail/text.hpp>
#include <orchard/params/value_traits.hpp>

#include <compare>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>

namespace orchard {

struct endpoint {
    std::filesystem::path unix_path{};  // a Unix socket; empty for TCP
    std::string host{};                 // TCP: a host name, an IPv4 or IPv6 address ("127.0.0.1" for a bare port)
    std::uint16_t port = 0;             // TCP: 0 asks for any free port when listening

    static endpoint unix_socket(std::filesystem::path path) { return {std::move(path), {}, 0}; }
    static endpoint tcp(std::string host, std::uint16_t port) { return {{}, std::move(host), port}; }

    bool is_unix() const noexcept { return !unix_path.empty(); }

    friend bool operator==(const endpoint&, const endpoint&) = default;
};

namespace detail {

// A host name or IPv4 address: letters, digits, '-' and '.'; an IPv6 address: hex digits, ':' and '.'.
inline bool plausible_host(std::string_view host, bool bracketed) noexcept {
    if (host.empty()) return false;
    for (char c : host) {
        const bool digit = is_digit(c);
        const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        const bool ok = bracketed ? digit || (to_lower(c) >= 'a' && to_lower(c) <= 'f') || c == ':' || c == '.'
                                  : digit || letter || c == '-' || c == '.';
        if (!ok) return false;
    }
    return true;
}

}  // namespace detail

template <>
struct value_traits<endpoint> {
    static std::string describe() {
        return "a Unix socket path (with a '/'), HOST:PORT, [IPv6]:PORT, or PORT (on the loopback address)";
    }

    static verdict parse(std::string_view text, endpoint& out) {
        const std::string_view t = detail::trim(text);
        if (t.empty()) return verdict::failure("is empty");
        if (t.find('/') != t.npos) {
            out = endpoint::unix_socket(std::filesystem::path(t));
            return {};
        }
        std::string_view host = "127.0.0.1", port = t;
        bool bracketed = false;
        if (t.front() == '[') {
            const auto close = t.find("]:");
            if (close == t.npos) return verdict::failure("has an IPv6 address without \"]:PORT\" after it");
            host = t.substr(1, close - 1);
            port = t.substr(close + 2);
            bracketed = true;
        } else if (const auto colon = t.rfind(':'); colon != t.npos) {
            host = t.substr(0, colon);
            port = t.substr(colon + 1);
            if (host.find(':') != host.npos)
                return verdict::failure("has an IPv6 address that is not in brackets ([::1]:80)");
        }
        if (!detail::plausible_host(host, bracketed)) return verdict::failure("has no valid host");
        std::uint16_t number = 0;
        if (auto r = value_traits<std::uint16_t>::parse(port, number); !r.ok())
            return verdict::failure("has a port that " + r.reason());
        out = endpoint::tcp(std::string(host), number);
        return {};
    }

    static std::string format(const endpoint& e) {
        if (e.is_unix()) return e.unix_path.string();
        const std::string host = e.host.find(':') != std::string::npos ? "[" + e.host + "]" : e.host;
        return host + ":" + std::to_string(e.port);
    }
};

}  // namespace orchard
