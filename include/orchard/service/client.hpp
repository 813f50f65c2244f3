// service_client: talks to a server<Manager>: logs in, sends petitions and streams their output back.
#pragma once

#include <orchard/manage/petition.hpp>
#include <orchard/manage/policies.hpp>
#include <orchard/params/byte_size.hpp>
#include <orchard/params/duration.hpp>
#include <orchard/params/endpoint.hpp>
#include <orchard/params/schema.hpp>
#include <orchard/service/detail/asio_endpoint.hpp>
#include <orchard/service/errors.hpp>
#include <orchard/service/exit_codes.hpp>
#include <orchard/service/login.hpp>
#include <orchard/service/protocol.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/write.hpp>

#include <csignal>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <filesystem>
#include <functional>
#include <iostream>
#include <optional>
#include <stop_token>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace orchard {

// How long a client waits. A petition's output may take any time to come: only send's own timeout
// (send_options) bounds that.
struct client_params {
    std::chrono::milliseconds connect_timeout = std::chrono::seconds(10);
    std::chrono::milliseconds reply_timeout = std::chrono::seconds(30);  // login, cancel, status, list
    byte_size max_frame = byte_size::mib(16);                            // the largest frame accepted

    static constexpr field_help help[] = {
        {"connect_timeout", "How long to wait for the service to accept the connection"},
        {"reply_timeout", "How long to wait for the answer to a login, cancel, status or list"},
        {"max_frame", "Largest frame accepted from the service"},
    };
};

// What may end a send before its petition ends: each cancels the petition on the service, and send
// still returns how it ended (cancelled, normally).
struct send_options {
    std::stop_token stop{};                              // a stop request
    std::optional<std::chrono::milliseconds> timeout{};  // the petition has not ended by then
    bool cancel_on_interrupt = false;                    // SIGINT (Ctrl-C) while send waits
};

using line_handler = std::function<void(process::stream, std::string_view)>;

// Prints each line to stdout or stderr, as the petition wrote it.
inline void print_line(process::stream s, std::string_view line) {
    (s == process::stream::err ? std::cerr : std::cout) << line << std::endl;
}

// The exit code of a command that ran a petition: the action's own code; 130 (128 + SIGINT) for one
// cancelled by Ctrl-C, as a shell reports an interrupted command; EX_TEMPFAIL for one cancelled
// otherwise; EX_SOFTWARE for one that failed without a code.
inline int petition_exit_code(const outcome& o, bool interrupted) {
    if (o.state == petition_state::cancelled) return interrupted ? 128 + SIGINT : exit_code::temp_fail;
    if (o.exit_code) return *o.exit_code;
    return exit_code::software;
}

// A class template only so that a translation unit that includes the service but never talks to it
// does not compile the client's asynchronous reads; service_client is the one to use.
template <class Unused = void>
class basic_service_client {
    using clock = std::chrono::steady_clock;

public:
    // Connects and logs in with `key` (empty when the server needs none). Throws service_unavailable
    // when the server cannot be reached in time, login_refused when it refuses the key.
    explicit basic_service_client(const endpoint& where, std::string_view key = {}, client_params params = {})
        : params_(params) {
        const std::string shown = format_value(where);
        boost::system::error_code ec;
        bool connected = false;
        const auto connect = [&](auto& socket, const auto& address) {
            socket.async_connect(address, [&](const boost::system::error_code& e) {
                ec = e;
                connected = true;
            });
            run_until(clock::now() + params_.connect_timeout, [&] { return connected; });
            if (!connected) {
                socket.close();
                run_until(clock::time_point::max(), [&] { return connected; });  // the aborted handler
                throw service_unavailable("cannot connect to " + shown + ": no answer within " +
                                          format_value(params_.connect_timeout));
            }
        };
        if (!where.is_unix()) {
            boost::asio::ip::tcp::socket s(context_);
            const auto address = [&] {
                try {
                    return detail::tcp_endpoint_of(where);
                } catch (const error& e) {
                    throw service_unavailable(std::string("cannot connect to ") + shown + ": " + e.what());
                }
            }();
            connect(s, address);
            if (ec) throw service_unavailable("cannot connect to " + shown + ": " + ec.message());
            socket_.emplace<boost::asio::ip::tcp::socket>(std::move(s));
        } else {
            boost::asio::local::stream_protocol::socket s(context_);
            connect(s, boost::asio::local::stream_protocol::endpoint(where.unix_path.string()));
            if (ec)
                throw service_unavailable("cannot connect to " + shown + ": " + ec.message() +
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
    // ended; throws service_error when the server rejects it (with every problem of its extras). A
    // stop request, the timeout or Ctrl-C (see send_options) cancels it on the service; send then
    // still waits for its end, which interrupted() and timed_out() explain.
    outcome send(const message& m, const line_handler& on_line = {}, const send_options& options = {}) {
        interrupted_ = timed_out_ = false;
        frame request{frame_type::send, {m.id}};
        for (const auto& [k, v] : m.extras) {
            request.fields.push_back(k);
            request.fields.push_back(v);
        }
        write(request);

        std::atomic<bool> stop_requested{false};
        const std::stop_callback on_stop(options.stop, [&] {
            stop_requested = true;
            boost::asio::post(context_, [] {});  // wakes the read below
        });
        std::optional<boost::asio::signal_set> interrupt;
        bool interrupt_seen = false;
        if (options.cancel_on_interrupt) {
            interrupt.emplace(context_, SIGINT);
            interrupt->async_wait([&](const boost::system::error_code& ec, int) { interrupt_seen = !ec; });
        }
        const std::optional<clock::time_point> deadline =
            options.timeout ? std::optional(clock::now() + *options.timeout) : std::nullopt;
        bool cancel_sent = false;
        // Between frames: a reason to cancel is acted on once, on this connection.
        const auto between = [&]() -> std::optional<clock::time_point> {
            if (!cancel_sent) {
                if (interrupt_seen) interrupted_ = true;
                if (deadline && clock::now() >= *deadline) timed_out_ = true;
                if (interrupted_ || timed_out_ || stop_requested) {
                    write({frame_type::cancel, {m.id}});
                    cancel_sent = true;
                }
            }
            return cancel_sent ? std::nullopt : deadline;
        };
        while (true) {
            frame f = read_frame(std::nullopt, between);
            switch (f.type) {
                case frame_type::accepted:
                    break;
                case frame_type::line:
                    if (f.fields.size() != 2) throw protocol_error("malformed line frame from the server");
                    if (on_line)
                        on_line(f.fields[0] == "err" ? process::stream::err : process::stream::out, f.fields[1]);
                    break;
                case frame_type::exit:
                    return to_outcome(f);
                case frame_type::ok:
                    break;  // the cancel was done
                case frame_type::error:
                    if (cancel_sent) break;  // the cancel came after the end: the exit frame follows
                    [[fallthrough]];
                default:
                    unexpected(f);
            }
        }
    }

    // Whether the last send was cancelled by Ctrl-C, or because its timeout passed.
    bool interrupted() const noexcept { return interrupted_; }
    bool timed_out() const noexcept { return timed_out_; }

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
    // The next frame, within the reply timeout.
    frame read() {
        return read_frame(clock::now() + params_.reply_timeout,
                          []() -> std::optional<clock::time_point> { return {}; });
    }

private:
    void write(const frame& f) { write_raw(encode(f)); }

    // Runs the io_context until done() or the deadline.
    template <class Done>
    void run_until(clock::time_point deadline, Done&& done) {
        while (!done()) {
            if (context_.stopped()) context_.restart();
            if (context_.run_one_until(deadline) == 0 && clock::now() >= deadline) return;
        }
    }

    // Reads one frame, running the client's io_context. Whenever something else wakes it (a posted
    // stop, a signal) or the time between() asks for comes, between() runs and says when to come
    // back. Past give_up_at the connection is closed: a frame cut off mid-way cannot be resumed.
    template <class Between>
    frame read_frame(std::optional<clock::time_point> give_up_at, Between&& between) {
        std::array<char, frame_header_size> header{};
        std::string payload;
        bool done = false;
        boost::system::error_code failure;
        bool too_large = false;
        with_socket([&](auto& s) {
            boost::asio::async_read(s, boost::asio::buffer(header),
                                    [&](const boost::system::error_code& ec, std::size_t) {
                                        if (ec) {
                                            failure = ec;
                                            done = true;
                                            return;
                                        }
                                        const std::uint32_t length = read_u32(header.data());
                                        if (length > params_.max_frame.bytes) {
                                            too_large = true;
                                            done = true;
                                            return;
                                        }
                                        payload.resize(length);
                                        boost::asio::async_read(s, boost::asio::buffer(payload),
                                                                [&](const boost::system::error_code& e, std::size_t) {
                                                                    failure = e;
                                                                    done = true;
                                                                });
                                    });
        });
        std::optional<clock::time_point> wake = between();
        while (!done) {
            if (context_.stopped()) context_.restart();
            const auto until =
                std::min(wake.value_or(clock::time_point::max()), give_up_at.value_or(clock::time_point::max()));
            context_.run_one_until(until);
            if (done) break;
            if (give_up_at && clock::now() >= *give_up_at) {
                with_socket([](auto& s) {
                    boost::system::error_code ignored;
                    s.close(ignored);
                });
                run_until(clock::time_point::max(), [&] { return done; });
                throw service_unavailable("the service did not answer within " + format_value(params_.reply_timeout));
            }
            wake = between();
        }
        if (too_large) throw protocol_error("the server sent a frame larger than " + format_value(params_.max_frame));
        if (failure) throw service_unavailable("the connection to the service was lost: " + failure.message());
        return decode(payload);
    }

    template <class F>
    void with_socket(F&& f) {
        std::visit(
            [&](auto& s) {
                if constexpr (!std::is_same_v<std::remove_reference_t<decltype(s)>, std::monostate>) f(s);
            },
            socket_);
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

    client_params params_;
    boost::asio::io_context context_;
    std::variant<std::monostate, boost::asio::local::stream_protocol::socket, boost::asio::ip::tcp::socket> socket_;
    bool interrupted_ = false;
    bool timed_out_ = false;
};

using service_client = basic_service_client<>;

}  // namespace orchard
