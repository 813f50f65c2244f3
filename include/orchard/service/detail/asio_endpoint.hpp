// An orchard::endpoint as Boost.Asio's TCP endpoint, the host resolved when it is a name.
#pragma once

#include <orchard/error.hpp>
#include <orchard/params/endpoint.hpp>

#include <netdb.h>
#include <boost/asio/ip/tcp.hpp>

#include <cstring>
#include <memory>
#include <string>

namespace orchard::detail {

// A name is looked up with getaddrinfo, once, when the server starts or the client connects: the
// first address it gives is used. (Asio's resolver would cost every includer its templates.)
inline boost::asio::ip::tcp::endpoint tcp_endpoint_of(const endpoint& e) {
    if (e.is_unix()) throw error("\"" + e.unix_path.string() + "\" is a Unix socket, not a TCP address");
    boost::system::error_code ec;
    const auto address = boost::asio::ip::make_address(e.host, ec);
    if (!ec) return {address, e.port};
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    if (const int rc = ::getaddrinfo(e.host.c_str(), nullptr, &hints, &found); rc != 0 || !found)
        throw error("cannot resolve host \"" + e.host + "\": " + (rc != 0 ? ::gai_strerror(rc) : "no address"));
    const std::unique_ptr<addrinfo, decltype(&::freeaddrinfo)> owned(found, &::freeaddrinfo);
    boost::asio::ip::tcp::endpoint resolved;
    resolved.resize(found->ai_addrlen);
    std::memcpy(resolved.data(), found->ai_addr, found->ai_addrlen);
    resolved.port(e.port);
    return resolved;
}

}  // namespace orchard::detail
