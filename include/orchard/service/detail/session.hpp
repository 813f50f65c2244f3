// One connection of a server: the login, then requests read frame by frame, each answered, and
// the output of the petitions it sent streamed back.
#pragma once

#include <orchard/manage/manager.hpp>
#include <orchard/manage/petition.hpp>
#include <orchard/service/login.hpp>
#include <orchard/service/protocol.hpp>
#include <orchard/service/service_params.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <set>
#include <string>
#include <utility>

namespace orchard::detail {

// What the server keeps of its sessions, to close them when it stops.
class session_base {
public:
    virtual ~session_base() = default;
    virtual void shut() = 0;  // close once pending writes are out
};

template <class Manager, class Socket>
class session : public session_base, public std::enable_shared_from_this<session<Manager, Socket>> {
public:
    session(Socket socket, const service_params& params, Manager& manager,
            boost::asio::io_context::executor_type executor)
        : socket_(std::move(socket)), params_(params), manager_(manager), executor_(std::move(executor)) {}

    void start() {
        nonce_ = detail::random_nonce();
        const bool needs_key = !params_.key->empty();
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
        boost::asio::async_read(
            socket_, boost::asio::buffer(header_), [self](const boost::system::error_code& ec, std::size_t) {
                if (ec) return self->disconnected();
                const std::uint32_t length = read_u32(self->header_.data());
                if (length > self->params_.max_frame.bytes)
                    return self->fail("frame of " + std::to_string(length) + " bytes exceeds the maximum of " +
                                      format_value(self->params_.max_frame) + " bytes");
                if (length == 0) return self->fail("malformed frame: it is empty");
                self->payload_.resize(length);
                self->read_payload();
            });
    }

    void read_payload() {
        auto self = this->shared_from_this();
        boost::asio::async_read(
            socket_, boost::asio::buffer(payload_), [self](const boost::system::error_code& ec, std::size_t got) {
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
            if (const auto refusal = login_refusal(*params_.key, nonce_, f.fields[0])) return refuse(*refusal);
            authenticated_ = true;
            write({frame_type::welcome, {}});
            return true;
        }
        switch (f.type) {
            case frame_type::send:
                return on_send(std::move(f));
            case frame_type::cancel:
                return on_cancel(f);
            case frame_type::status: {
                auto& m = manager_;
                write({frame_type::status_reply,
                       {std::to_string(m.queued()), std::to_string(m.running()), std::to_string(m.workers())}});
                return true;
            }
            case frame_type::list: {
                frame reply{frame_type::list_reply, {}};
                for (const auto& p : manager_.list()) {
                    reply.fields.push_back(p.id);
                    reply.fields.emplace_back(to_string(p.state));
                    reply.fields.push_back(std::to_string(p.priority));
                }
                write(reply);
                return true;
            }
            default:
                fail("unexpected frame from a client");
                return false;
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
        auto executor = executor_;
        petition_sink sink{
            .line =
                [self, executor](process::stream s, std::string_view text) {
                    boost::asio::post(executor, [self, s, text = std::string(text)]() mutable {
                        self->write({frame_type::line, {s == process::stream::err ? "err" : "out", std::move(text)}});
                    });
                },
            .done =
                [self, executor, id = m.id](const outcome& o) {
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
            manager_.submit_message(m, std::move(sink));
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
            manager_.cancel(f.fields[0]);
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
                manager_.cancel(id, "the client disconnected");
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
    const service_params& params_;
    Manager& manager_;
    boost::asio::io_context::executor_type executor_;
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

}  // namespace orchard::detail
