// server<Manager>: serves a manager on a Unix socket (and optionally TCP) with Boost.Asio: a
// challenge-response login, then send/cancel/status/list requests, each petition's output streamed back.
#pragma once

#include <orchard/manage.hpp>
#include <orchard/params.hpp>
#include <orchard/service/detail/asio_endpoint.hpp>
#include <orchard/service/detail/session.hpp>
#include <orchard/service/protocol.hpp>
#include <orchard/service/service_params.hpp>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/write.hpp>

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

template <class Manager>
class server {
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
        if (params_.listen) tcp_acceptor_.emplace(context_, detail::tcp_endpoint_of(*params_.listen));
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
        acceptor.async_accept(
            [this, &acceptor](const boost::system::error_code& ec, typename Acceptor::protocol_type::socket socket) {
                if (ec) return;  // closed by stop()
                auto s = std::make_shared<detail::session<Manager, typename Acceptor::protocol_type::socket>>(
                    std::move(socket), params_, manager_, context_.get_executor());
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

    service_params params_;
    boost::asio::io_context context_;
    Manager manager_;
    systemd_watchdog<Manager> watchdog_;  // after the manager: it goes first
    boost::asio::local::stream_protocol::acceptor unix_acceptor_;
    std::optional<boost::asio::ip::tcp::acceptor> tcp_acceptor_;
    boost::asio::signal_set signals_;
    std::vector<std::weak_ptr<detail::session_base>> sessions_;
    std::thread stopper_;
    bool stopping_ = false;
    bool ran_ = false;
};

}  // namespace orchard
