// An orchard::endpoint as Boost.Asio's TCP endpoint, the host resolved when it is a name.
#pragma once

#include <orchard/error.hpp>
#include <orchard/params/endpoint.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <string>

namespace orchard::detail {

inline boost::asio::ip::tcp::endpoint tcp_endpoint_of(const endpoint& e, boost::asio::io_context& context) {
    if (e.is_unix()) throw error("\"" + e.unix_path.string() + "\" is a Unix socket, not a TCP address");
    boost::system::error_code ec;
    const auto address = boost::asio::ip::make_address(e.host, ec);
    if (!ec) return {address, e.port};
    boost::asio::ip::tcp::resolver resolver(context);
    const auto found = resolver.resolve(e.host, std::to_string(e.port), ec);
    if (ec || found.empty()) throw error("cannot resolve host \"" + e.host + "\": " + ec.message());
    return *found.begin();
}

}  // namespace orchard::detail
