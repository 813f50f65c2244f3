// server<Manager>: serves a manager on a Unix socket (and optionally TCP) with Boost.Asio: a
// challenge-response login, then send/cancel/status/list requests, each petition's output streamed back.
#pragma once

#include <orchard/manage.hpp>
#include <orchard/params.hpp>
#include <orchard/service/detail/sha256.hpp>
#include <orchard/service/protocol.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/write.hpp>
#include <boost/asio/executor_work_guard.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace orchard {

// Where a service called `name` listens by default: $XDG_RUNTIME_DIR/<name>.sock, or
// /tmp/<name>-<uid>.sock when there is no runtime directory.
inline std::filesystem::path default_socket_path(std::string_view name) {
    if (const char* runtime = std::getenv("XDG_RUNTIME_DIR"); runtime && *runtime)
        return std::filesystem::path(runtime) / (std::string(name) + ".sock");
    return std::filesystem::path("/tmp") / (std::string(name) + "-" + std::to_string(::getuid()) + ".sock");
}

// The server's parameters, bound like any other.
struct service_params {
    std::filesystem::path socket = default_socket_path("orchard");
    std::optional<std::string> listen{};  // also serve TCP on HOST:PORT (or PORT, on loopback)
    secret<std::string> key{};            // shared key clients must prove they know; or key_file
    byte_size max_frame = byte_size::mib(1);
    shutdown_mode stop_mode = shutdown_mode::cancel;  // what SIGTERM/SIGINT do with petitions
    bool handle_signals = true;                       // stop on SIGTERM/SIGINT

    static constexpr field_help help[] = {
        {"socket", "Unix socket to listen on (created with permissions 0600)"},
        {"listen", "Also listen on TCP at HOST:PORT, or PORT on the loopback address"},
        {"key", "Shared key clients must prove they know (challenge-response; never sent)"},
        {"max_frame", "Largest request frame accepted"},
        {"stop_mode", "On SIGTERM or SIGINT: drain (run what is queued) or cancel"},
        {"handle_signals", "Stop on SIGTERM and SIGINT"},
    };
};

namespace detail {

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

// "HOST:PORT", "[v6]:PORT" or "PORT" (loopback).
inline boost::asio::ip::tcp::endpoint parse_listen_address(std::string_view text) {
    std::string host = "127.0.0.1";
    std::string_view port = text;
    if (const auto colon = text.rfind(':'); colon != text.npos) {
        host = std::string(text.substr(0, colon));
        if (host.size() > 1 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
        port = text.substr(colon + 1);
    }
    unsigned short number = 0;
    if (std::from_chars(port.data(), port.data() + port.size(), number).ec != std::errc{})
        throw error("listen address \"" + std::string(text) + "\" has no valid port");
    boost::system::error_code ec;
    const auto address = boost::asio::ip::make_address(host, ec);
    if (ec) throw error("listen address \"" + std::string(text) + "\" has an invalid host: " + ec.message());
    return {address, number};
}

inline std::string problems_text(const std::vector<problem>& problems) {
    std::string out;
    for (const auto& p : problems) out += p.to_string() + "\n";
    return out;
}

}  // namespace detail

template <class Manager>
class server {
    class session_base {
    public:
        virtual ~session_base() = default;
        virtual void shut() = 0;  // close once pending writes are out
    };

public:
    using manager_type = Manager;

    // Creates the manager and binds the sockets at once, so that a busy address is an error here.
    server(service_params params, typename Manager::params_type manager_params = {},
           typename Manager::hooks_type hooks = {}, watchdog_params watchdog = {})
        : params_(std::move(params)),
          manager_(std::move(manager_params), std::move(hooks)),
          watchdog_(manager_, std::move(watchdog)),
          unix_acceptor_(context_),
          signals_(context_) {
        open_unix_socket();
        if (params_.listen) {
            tcp_acceptor_.emplace(context_, detail::parse_listen_address(*params_.listen));
        }
    }

    server(const server&) = delete;
    server& operator=(const server&) = delete;

    ~server() {
        stop();
        if (!ran_) {
            // never ran: stop what run() would have stopped
            manager_.shutdown(params_.stop_mode);
        }
        if (stopper_.joinable()) stopper_.join();
        std::error_code ignored;
        std::filesystem::remove(params_.socket, ignored);
    }

    Manager& manager() noexcept { return manager_; }
    const service_params& params() const noexcept { return params_; }
    // The TCP port actually bound (useful with PORT 0), or 0 without TCP.
    unsigned short tcp_port() const { return tcp_acceptor_ ? tcp_acceptor_->local_endpoint().port() : 0; }

    // Serves until stop(), SIGTERM or SIGINT; then shuts the manager down (drain or cancel, from the
    // params), lets every connection receive what is pending, removes the socket file and returns.
    void run() {
        ran_ = true;
        if (params_.handle_signals) {
            signals_.add(SIGTERM);
            signals_.add(SIGINT);
            signals_.async_wait([this](const boost::system::error_code& ec, int) {
                if (!ec) begin_stop();
            });
        }
        accept(unix_acceptor_);
        if (tcp_acceptor_) accept(*tcp_acceptor_);
        watchdog_.ready();  // serving now: systemd's Type=notify may consider the service started
        context_.run();
        if (stopper_.joinable()) stopper_.join();
    }

    // Stops serving; safe from any thread, and more than once.
    void stop() {
        boost::asio::post(context_, [this] { begin_stop(); });
    }

private:
    void open_unix_socket() {
        namespace local = boost::asio::local;
        const std::string path = params_.socket.string();
        // A socket file left by a crashed server is replaced; a live server's is not.
        if (std::filesystem::exists(params_.socket)) {
            local::stream_protocol::socket probe(context_);
            boost::system::error_code ec;
            probe.connect(local::stream_protocol::endpoint(path), ec);
            if (!ec) throw error("another server is already listening on " + path);
            std::filesystem::remove(params_.socket);
        }
        unix_acceptor_.open(local::stream_protocol());
        unix_acceptor_.bind(local::stream_protocol::endpoint(path));
        // Before listen(), no client can connect: nobody sees the socket with wider permissions.
        if (::chmod(path.c_str(), 0600) != 0) throw error("cannot restrict the permissions of " + path);
        unix_acceptor_.listen();
    }

    template <class Acceptor>
    void accept(Acceptor& acceptor) {
        acceptor.async_accept([this, &acceptor](const boost::system::error_code& ec, typename Acceptor::protocol_type::socket socket) {
            if (ec) return;  // closed by stop()
            auto s = std::make_shared<session<typename Acceptor::protocol_type::socket>>(std::move(socket), *this);
            sessions_.push_back(s);
            s->start();
            accept(acceptor);
        });
    }

    void begin_stop() {
        if (stopping_) return;
        stopping_ = true;
        watchdog_.stopping();
        boost::system::error_code ignored;
        unix_acceptor_.close(ignored);
        if (tcp_acceptor_) tcp_acceptor_->close(ignored);
        signals_.cancel(ignored);
        std::error_code removed;
        std::filesystem::remove(params_.socket, removed);
        // The manager's shutdown blocks until every petition ended and its sink posted its last
        // frames here, so it runs on its own thread while this one keeps writing them out.
        auto guard = std::make_shared<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>>(
            context_.get_executor());
        stopper_ = std::thread([this, guard] {
            manager_.shutdown(params_.stop_mode);
            boost::asio::post(context_, [this, guard] {
                for (auto& weak : sessions_)
                    if (auto s = weak.lock()) s->shut();
                sessions_.clear();
                guard->reset();
            });
        });
    }

    template <class Socket>
    class session : public session_base, public std::enable_shared_from_this<session<Socket>> {
    public:
        session(Socket socket, server& owner) : socket_(std::move(socket)), owner_(owner) {}

        void start() {
            nonce_ = detail::random_nonce();
            const bool needs_key = !owner_.params_.key->empty();
            write({frame_type::challenge, {nonce_, needs_key ? "key" : "none"}});
            read_header();
        }

        void shut() override {
            closing_ = true;
            if (!writing_) close();
        }

    private:
        void read_header() {
            auto self = this->shared_from_this();
            boost::asio::async_read(socket_, boost::asio::buffer(header_), [self](const boost::system::error_code& ec, std::size_t) {
                if (ec) return self->disconnected();
                const std::uint32_t length = read_u32(self->header_.data());
                if (length > self->owner_.params_.max_frame.bytes)
                    return self->fail("frame of " + std::to_string(length) + " bytes exceeds the maximum of " +
                                      format_value(self->owner_.params_.max_frame) + " bytes");
                if (length == 0) return self->fail("malformed frame: it is empty");
                self->payload_.resize(length);
                self->read_payload();
            });
        }

        void read_payload() {
            auto self = this->shared_from_this();
            boost::asio::async_read(socket_, boost::asio::buffer(payload_), [self](const boost::system::error_code& ec, std::size_t got) {
                if (ec) {  // cut short: say so (the peer may only have closed its sending side), then go
                    self->cancel_active();
                    return self->fail("truncated frame: " + std::to_string(got) + " of " +
                                      std::to_string(self->payload_.size()) + " bytes arrived");
                }
                frame f;
                try {
                    f = decode(self->payload_);
                } catch (const protocol_error& e) {
                    return self->fail(e.what());
                }
                if (self->handle(std::move(f))) self->read_header();
            });
        }

        // Returns whether to keep reading.
        bool handle(frame f) {
            if (!authenticated_) {
                if (f.type != frame_type::login || f.fields.size() != 1) {
                    fail("expected a login frame first");
                    return false;
                }
                const std::string& key = *owner_.params_.key;
                if (!key.empty()) {
                    const std::string expected = detail::login_proof(key, nonce_);
                    const std::string& proof = f.fields[0];
                    if (proof.empty()) return refuse("this service requires a key (--key or --key-file)");
                    if (proof.size() != expected.size() ||
                        !detail::equal_in_constant_time(proof.data(), expected.data(), expected.size()))
                        return refuse("wrong key");
                }
                authenticated_ = true;
                write({frame_type::welcome, {}});
                return true;
            }
            switch (f.type) {
                case frame_type::send: return on_send(std::move(f));
                case frame_type::cancel: return on_cancel(f);
                case frame_type::status: {
                    auto& m = owner_.manager_;
                    write({frame_type::status_reply,
                           {std::to_string(m.queued()), std::to_string(m.running()), std::to_string(m.workers())}});
                    return true;
                }
                case frame_type::list: {
                    frame reply{frame_type::list_reply, {}};
                    for (const auto& p : owner_.manager_.list()) {
                        reply.fields.push_back(p.id);
                        reply.fields.emplace_back(to_string(p.state));
                        reply.fields.push_back(std::to_string(p.priority));
                    }
                    write(reply);
                    return true;
                }
                default: fail("unexpected frame from a client"); return false;
            }
        }

        bool on_send(frame f) {
            if (f.fields.empty() || f.fields.size() % 2 != 1) {
                fail("malformed send frame: expected an id and key/value pairs");
                return false;
            }
            message m{f.fields[0], {}};
            for (std::size_t i = 1; i + 1 < f.fields.size(); i += 2) {
                if (!m.extras.emplace(f.fields[i], f.fields[i + 1]).second) {
                    write({frame_type::error, {"petition \"" + m.id + "\" gives \"" + f.fields[i] + "\" twice"}});
                    return true;
                }
            }
            auto self = this->shared_from_this();
            auto executor = owner_.context_.get_executor();
            petition_sink sink{
                .line = [self, executor](process::stream s, std::string_view text) {
                    boost::asio::post(executor, [self, s, text = std::string(text)]() mutable {
                        self->write({frame_type::line, {s == process::stream::err ? "err" : "out", std::move(text)}});
                    });
                },
                .done = [self, executor, id = m.id](const outcome& o) {
                    boost::asio::post(executor, [self, id, o] {
                        self->active_.erase(id);
                        self->write({frame_type::exit,
                                     {std::string(to_string(o.cause)), o.exit_code ? std::to_string(*o.exit_code) : "",
                                      o.reason}});
                    });
                }};
            // Registered first: an immediate end posts its erase after this. An id already active on
            // this connection stays registered: the manager refuses the duplicate.
            const bool registered = active_.insert(m.id).second;
            try {
                owner_.manager_.submit_message(m, std::move(sink));
                write({frame_type::accepted, {m.id}});
            } catch (const invalid_message& e) {
                if (registered) active_.erase(m.id);
                frame reply{frame_type::error, {e.what()}};
                for (const auto& p : e.problems()) reply.fields.push_back(p.to_string());
                write(reply);
            } catch (const error& e) {
                if (registered) active_.erase(m.id);
                write({frame_type::error, {e.what()}});
            }
            return true;
        }

        bool on_cancel(const frame& f) {
            if (f.fields.size() != 1) {
                fail("malformed cancel frame: expected an id");
                return false;
            }
            try {
                owner_.manager_.cancel(f.fields[0]);
                write({frame_type::ok, {}});
            } catch (const error& e) {
                write({frame_type::error, {e.what()}});
            }
            return true;
        }

        bool refuse(const std::string& reason) {
            write({frame_type::refused, {reason}});
            shut();
            return false;
        }

        // A broken request: answer with the error, then close this connection only.
        void fail(const std::string& why) {
            write({frame_type::error, {why}});
            shut();
        }

        // The client went away: petitions it is waiting for have nobody to report to.
        void disconnected() {
            cancel_active();
            close();
        }

        void cancel_active() {
            for (const auto& id : std::set<std::string>(active_)) {
                try {
                    owner_.manager_.cancel(id, "the client disconnected");
                } catch (const unknown_petition&) {
                    // it ended meanwhile
                }
            }
        }

        void write(const frame& f) {
            if (closed_) return;
            writes_.push_back(encode(f));
            if (!writing_) write_next();
        }

        void write_next() {
            if (writes_.empty()) {
                writing_ = false;
                if (closing_) close();
                return;
            }
            writing_ = true;
            auto self = this->shared_from_this();
            boost::asio::async_write(socket_, boost::asio::buffer(writes_.front()),
                                     [self](const boost::system::error_code& ec, std::size_t) {
                                         self->writes_.pop_front();
                                         if (ec) {
                                             self->writes_.clear();
                                             self->writing_ = false;
                                             return self->close();
                                         }
                                         self->write_next();
                                     });
        }

        void close() {
            if (closed_) return;
            closed_ = true;
            boost::system::error_code ignored;
            socket_.shutdown(Socket::shutdown_both, ignored);
            socket_.close(ignored);
        }

        Socket socket_;
        server& owner_;
        std::string nonce_;
        bool authenticated_ = false;
        std::array<char, frame_header_size> header_{};
        std::string payload_;
        std::deque<std::string> writes_;
        bool writing_ = false;
        bool closing_ = false;
        bool closed_ = false;
        std::set<std::string> active_;  // petitions sent on this connection that have not ended
    };

    service_params params_;
    boost::asio::io_context context_;
    Manager manager_;
    systemd_watchdog<Manager> watchdog_;  // after the manager: it goes first
    boost::asio::local::stream_protocol::acceptor unix_acceptor_;
    std::optional<boost::asio::ip::tcp::acceptor> tcp_acceptor_;
    boost::asio::signal_set signals_;
    std::vector<std::weak_ptr<session_base>> sessions_;
    std::thread stopper_;
    bool stopping_ = false;
    bool ran_ = false;
};

}  // namespace orchard
