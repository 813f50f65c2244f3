// The service over a Unix socket: round-trip latency of a no-op petition (send -> exit code) and
// throughput with 16 clients, beside a raw Asio echo round trip on a Unix socket as the baseline.
#include <orchard/service.hpp>

#include <benchmark/benchmark.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <memory>
#include <thread>
#include <vector>

namespace {

using clock_type = std::chrono::steady_clock;

struct noop_petition {
    std::string id;
    int priority = 0;
};
struct noop_hooks {
    int run(noop_petition&, orchard::petition_context&) { return 0; }
};
using noop_manager = orchard::manager<noop_petition, orchard::manager_hooks<noop_hooks>>;

std::filesystem::path socket_path(const char* name) {
    return std::filesystem::temp_directory_path() /
           (std::string("orchard-bench-") + name + "-" + std::to_string(::getpid()));
}

// Sets p50/p99 counters (in microseconds) from per-round-trip times.
void report_percentiles(benchmark::State& state, std::vector<double>& micros) {
    if (micros.empty()) return;
    std::sort(micros.begin(), micros.end());
    state.counters["p50_us"] = micros[micros.size() / 2];
    state.counters["p99_us"] = micros[std::min(micros.size() - 1, micros.size() * 99 / 100)];
}

void service_round_trip(benchmark::State& state) {
    orchard::server<noop_manager> server({.socket = socket_path("rt"), .handle_signals = false}, {.max_workers = 2});
    std::thread serving([&] { server.run(); });
    {
        orchard::service_client client(orchard::endpoint::unix_socket(server.params().socket));
        std::vector<double> micros;
        std::size_t n = 0;
        for (auto _ : state) {
            const auto start = clock_type::now();
            const auto o = client.send({"p" + std::to_string(n++), {}});
            micros.push_back(std::chrono::duration<double, std::micro>(clock_type::now() - start).count());
            benchmark::DoNotOptimize(o);
        }
        report_percentiles(state, micros);
    }
    server.stop();
    serving.join();
}
BENCHMARK(service_round_trip)->UseRealTime()->Unit(benchmark::kMicrosecond);

void service_throughput_16_clients(benchmark::State& state) {
    constexpr int clients = 16, per_client = 500;
    orchard::server<noop_manager> server({.socket = socket_path("tp"), .handle_signals = false}, {.max_workers = 2});
    std::thread serving([&] { server.run(); });
    std::size_t round = 0;
    for (auto _ : state) {
        std::vector<std::thread> threads;
        for (int c = 0; c < clients; ++c) {
            threads.emplace_back([&, c, round] {
                orchard::service_client client(orchard::endpoint::unix_socket(server.params().socket));
                for (int i = 0; i < per_client; ++i)
                    client.send({std::to_string(round) + "-" + std::to_string(c) + "-" + std::to_string(i), {}});
            });
        }
        for (auto& t : threads) t.join();
        ++round;
    }
    state.counters["petitions/s"] =
        benchmark::Counter(double(state.iterations()) * clients * per_client, benchmark::Counter::kIsRate);
    server.stop();
    serving.join();
}
BENCHMARK(service_throughput_16_clients)->UseRealTime()->Unit(benchmark::kMillisecond);

// The baseline: an Asio echo server on a Unix socket; the client writes 16 bytes and reads them back.
class echo_server {
public:
    explicit echo_server(const std::filesystem::path& path)
        : acceptor_(context_, boost::asio::local::stream_protocol::endpoint(path.string())), path_(path) {
        accept();
        thread_ = std::thread([this] { context_.run(); });
    }
    ~echo_server() {
        context_.stop();
        thread_.join();
        std::filesystem::remove(path_);
    }

private:
    struct connection : std::enable_shared_from_this<connection> {
        explicit connection(boost::asio::local::stream_protocol::socket s) : socket(std::move(s)) {}
        void read() {
            auto self = shared_from_this();
            boost::asio::async_read(socket, boost::asio::buffer(buffer),
                                    [self](boost::system::error_code ec, std::size_t) {
                                        if (!ec) self->write();
                                    });
        }
        void write() {
            auto self = shared_from_this();
            boost::asio::async_write(socket, boost::asio::buffer(buffer),
                                     [self](boost::system::error_code ec, std::size_t) {
                                         if (!ec) self->read();
                                     });
        }
        boost::asio::local::stream_protocol::socket socket;
        std::array<char, 16> buffer{};
    };
    void accept() {
        acceptor_.async_accept([this](boost::system::error_code ec, boost::asio::local::stream_protocol::socket s) {
            if (ec) return;
            std::make_shared<connection>(std::move(s))->read();
            accept();
        });
    }
    boost::asio::io_context context_;
    boost::asio::local::stream_protocol::acceptor acceptor_;
    std::filesystem::path path_;
    std::thread thread_;
};

void baseline_asio_echo_round_trip(benchmark::State& state) {
    const auto path = socket_path("echo");
    std::filesystem::remove(path);
    echo_server server(path);
    boost::asio::io_context context;
    boost::asio::local::stream_protocol::socket socket(context);
    socket.connect(boost::asio::local::stream_protocol::endpoint(path.string()));
    std::array<char, 16> out{"0123456789abcde"}, in{};
    std::vector<double> micros;
    for (auto _ : state) {
        const auto start = clock_type::now();
        boost::asio::write(socket, boost::asio::buffer(out));
        boost::asio::read(socket, boost::asio::buffer(in));
        micros.push_back(std::chrono::duration<double, std::micro>(clock_type::now() - start).count());
    }
    report_percentiles(state, micros);
}
BENCHMARK(baseline_asio_echo_round_trip)->UseRealTime()->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
