// service_client: talks to a server<Manager>: logs in, sends petitions and streams their output back.
#pragma once

#include <orchard/manage/petition.hpp>
#include <orchard/manage/policies.hpp>
#include <orchard/params/byte_size.hpp>
#include <orchard/service/detail/sha256.hpp>
#include <orchard/service/errors.hpp>
#include <orchard/service/protocol.hpp>
#include <orchard/service/server.hpp>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>

#include <charconv>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace orchard {

// Where a server listens: its Unix socket, or a TCP address (HOST:PORT).
struct service_address {
    std::filesystem::path socket{};
    std::optional<std::string> tcp{};
};

class service_client {
public:
    // Connects and logs in with `key` (empty when the server needs none). Throws orchard::error
    // when the server cannot be reached, login_refused when it refuses the key.
    explicit service_client(const service_address& where, std::string_view key = {},
                            byte_size max_frame = byte_size::mib(16))
        : max_frame_(max_frame.bytes) {
        boost::system::error_code ec;
        if (where.tcp) {
            boost::asio::ip::tcp::socket s(context_);
            s.connect(detail::parse_listen_address(*where.tcp), ec);
            if (ec) throw service_unavailable("cannot connect to " + *where.tcp + ": " + ec.message());
            socket_.emplace<boost::asio::ip::tcp::socket>(std::move(s));
        } else {
            boost::asio::local::stream_protocol::socket s(context_);
            s.connect(boost::asio::local::stream_protocol::endpoint(where.socket.string()), ec);
            if (ec)
                throw service_unavailable("cannot connect to " + where.socket.string() + ": " + ec.message() +
                                          " (is the service running?)");
            socket_.emplace<boost::asio::local::stream_protocol::socket>(std::move(s));
        }
        const frame challenge = expect(frame_type::challenge);
        if (challenge.fields.size() != 2) throw protocol_error("malformed challenge from the server");
        const bool needs_key = challenge.fields[1] == "key";
        write({frame_type::login, {needs_key && !key.empty() ? detail::login_proof(key, challenge.fields[0]) : ""}});
        const frame answer = read();
        if (answer.type == frame_type::refused)
            throw login_refused("the service refused the login: " + (answer.fields.empty() ? "" : answer.fields[0]));
        if (answer.type != frame_type::welcome) unexpected(answer);
    }

    // Sends a petition and blocks until it ends, passing each output line to on_line. Returns how it
    // ended; throws service_error when the server rejects it (with every problem of its extras).
    outcome send(const message& m, const std::function<void(process::stream, std::string_view)>& on_line = {}) {
        frame request{frame_type::send, {m.id}};
        for (const auto& [k, v] : m.extras) {
            request.fields.push_back(k);
            request.fields.push_back(v);
        }
        write(request);
        while (true) {
            frame f = read();
            switch (f.type) {
                case frame_type::accepted: break;
                case frame_type::line:
                    if (f.fields.size() != 2) throw protocol_error("malformed line frame from the server");
                    if (on_line) on_line(f.fields[0] == "err" ? process::stream::err : process::stream::out, f.fields[1]);
                    break;
                case frame_type::exit: return to_outcome(f);
                default: unexpected(f);
            }
        }
    }

    // Cancels a petition on the server (queued or running, sent by anyone). Orcha calls this finish.
    void cancel(std::string_view id) {
        write({frame_type::cancel, {std::string(id)}});
        const frame f = read();
        if (f.type != frame_type::ok) unexpected(f);
    }

    manager_view status() {
        write({frame_type::status, {}});
        const frame f = read();
        if (f.type != frame_type::status_reply || f.fields.size() != 3) unexpected(f);
        return {number(f.fields[0]), number(f.fields[1]), number(f.fields[2])};
    }

    struct listed {
        std::string id;
        std::string state;
        long long priority = 0;
    };
    std::vector<listed> list() {
        write({frame_type::list, {}});
        const frame f = read();
        if (f.type != frame_type::list_reply || f.fields.size() % 3 != 0) unexpected(f);
        std::vector<listed> out;
        for (std::size_t i = 0; i < f.fields.size(); i += 3)
            out.push_back({f.fields[i], f.fields[i + 1], static_cast<long long>(number(f.fields[i + 2]))});
        return out;
    }

    // For tests and tools: send raw bytes, read one frame.
    void write_raw(std::string_view bytes) {
        boost::system::error_code ec;
        with_socket([&](auto& s) { boost::asio::write(s, boost::asio::buffer(bytes.data(), bytes.size()), ec); });
        if (ec) throw service_unavailable("the connection to the service was lost: " + ec.message());
    }
    // Closes the sending side only (the server then sees the end of what we send).
    void shutdown_sending() {
        boost::system::error_code ignored;
        with_socket([&](auto& s) { s.shutdown(std::remove_reference_t<decltype(s)>::shutdown_send, ignored); });
    }
    frame read() {
        std::array<char, frame_header_size> header{};
        read_exactly(header.data(), header.size());
        const std::uint32_t length = read_u32(header.data());
        if (length > max_frame_) throw protocol_error("the server sent a frame of " + std::to_string(length) + " bytes");
        std::string payload(length, '\0');
        read_exactly(payload.data(), payload.size());
        return decode(payload);
    }

private:
    void write(const frame& f) { write_raw(encode(f)); }

    void read_exactly(char* data, std::size_t size) {
        boost::system::error_code ec;
        with_socket([&](auto& s) { boost::asio::read(s, boost::asio::buffer(data, size), ec); });
        if (ec) throw service_unavailable("the connection to the service was lost: " + ec.message());
    }

    template <class F>
    void with_socket(F&& f) {
        std::visit([&](auto& s) {
            if constexpr (!std::is_same_v<std::remove_reference_t<decltype(s)>, std::monostate>) f(s);
        }, socket_);
    }

    frame expect(frame_type type) {
        frame f = read();
        if (f.type != type) unexpected(f);
        return f;
    }

    [[noreturn]] static void unexpected(const frame& f) {
        if (f.type == frame_type::error && !f.fields.empty())
            throw service_error(f.fields[0], std::vector<std::string>(f.fields.begin() + 1, f.fields.end()));
        throw protocol_error("unexpected frame of type " + std::to_string(int(f.type)) + " from the server");
    }

    static std::size_t number(const std::string& text) {
        std::size_t n = 0;
        std::from_chars(text.data(), text.data() + text.size(), n);
        return n;
    }

    static outcome to_outcome(const frame& f) {
        if (f.fields.size() != 3) throw protocol_error("malformed exit frame from the server");
        outcome o;
        bool known = false;
        for (const end_cause c : {end_cause::finished, end_cause::failed, end_cause::refused,
                                  end_cause::cancelled_while_queued, end_cause::cancelled_while_running})
            if (f.fields[0] == to_string(c)) {
                o = outcome::ended(c);
                known = true;
            }
        if (!known) throw protocol_error("exit frame from the server with an unknown cause \"" + f.fields[0] + "\"");
        if (!f.fields[1].empty()) {
            int code = 0;
            std::from_chars(f.fields[1].data(), f.fields[1].data() + f.fields[1].size(), code);
            o.exit_code = code;
        }
        o.reason = f.fields[2];
        return o;
    }

    boost::asio::io_context context_;
    std::variant<std::monostate, boost::asio::local::stream_protocol::socket, boost::asio::ip::tcp::socket> socket_;
    std::size_t max_frame_;
};

}  // namespace orchard
