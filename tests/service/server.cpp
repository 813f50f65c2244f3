// A real server and real clients in this process: output and exit codes, cancel by request and by
// disconnect, login, malformed/oversized/truncated frames, TCP, permissions, signals, and many clients.
#include <orchard/service.hpp>

#include "../manage/support.hpp"

#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <atomic>
#include <csignal>
#include <filesystem>
#include <thread>

using namespace orchard;
using test::gate;
using test::recorder;

namespace {

struct hello_petition {
    std::string id;
    int priority = 0;
    int counter = 1;
    bool block = false;  // wait at the hooks' gate (until stopped) before ending
    int code = 0;
};

struct hello_hooks {
    recorder* events = nullptr;
    int run(hello_petition& p, petition_context& c) {
        for (int i = 0; i < p.counter; ++i) c.line(p.id + ": Hello world! " + std::to_string(i));
        if (p.block) {
            if (events) events->add("blocking " + p.id);
            c.wait_for_stop();
        }
        return p.code;
    }
    void on_finish(const hello_petition& p, const outcome& o) {
        if (events) events->add("finish " + p.id + " " + std::string(to_string(o.state)) + " (" + o.reason + ")");
    }
};

using hello_manager = manager<hello_petition, manager_hooks<hello_hooks>>;

std::filesystem::path socket_path(const std::string& name) {
    return std::filesystem::temp_directory_path() /
           ("orchard-test-" + name + "-" + std::to_string(::getpid()) + ".sock");
}

// A server running on its own thread for the length of a test.
class serving {
public:
    serving(service_params params, hello_hooks hooks = {}, std::uint32_t workers = 4)
        : server_(std::move(params), manager_params{.max_workers = workers}, hooks),
          thread_([this] { server_.run(); }) {}
    ~serving() {
        server_.stop();
        thread_.join();
    }
    server<hello_manager>& operator*() { return server_; }
    server<hello_manager>* operator->() { return &server_; }

private:
    server<hello_manager> server_;
    std::thread thread_;
};

service_params params_for(const std::string& name) { return {.socket = socket_path(name), .handle_signals = false}; }

}  // namespace

TEST_CASE("service: a petition's output lines and exit code reach the client") {
    serving s(params_for("output"));
    service_client client(endpoint::unix_socket(s->params().socket));
    std::vector<std::string> lines;
    const outcome o = client.send({"hw", {{"counter", "3"}, {"code", "4"}}},
                                  [&](process::stream, std::string_view l) { lines.emplace_back(l); });
    CHECK(lines == std::vector<std::string>{"hw: Hello world! 0", "hw: Hello world! 1", "hw: Hello world! 2"});
    CHECK(o.state == petition_state::finished);
    CHECK(o.exit_code == 4);
    // The connection serves further requests.
    CHECK(client.send({"again", {}}).exit_code == 0);
}

TEST_CASE("service: bad extras are answered with every problem; the connection stays usable") {
    serving s(params_for("extras"));
    service_client client(endpoint::unix_socket(s->params().socket));
    try {
        client.send({"bad", {{"counter", "three"}, {"colour", "red"}}});
        FAIL("accepted");
    } catch (const service_error& e) {
        CHECK_THAT(e.message(), Catch::Matchers::StartsWith("message \"bad\" does not make a valid petition"));
        REQUIRE(e.problems().size() == 2);
        CHECK_THAT(e.problems()[0],
                   Catch::Matchers::StartsWith("counter: key \"counter\" of petition bad = \"three\""));
        CHECK(e.problems()[1] == "key \"colour\" of petition bad: matches no parameter");
    }
    CHECK(client.send({"good", {}}).state == petition_state::finished);
}

TEST_CASE("service: cancel from another client cancels a running petition") {
    recorder events;
    serving s(params_for("finish"), hello_hooks{&events});
    outcome result;
    std::thread waiting([&] {
        service_client client(endpoint::unix_socket(s->params().socket));
        result = client.send({"long", {{"block", "true"}}});
    });
    events.wait_for("blocking long");
    service_client other(endpoint::unix_socket(s->params().socket));
    const auto listed = other.list();
    REQUIRE(listed.size() == 1);
    CHECK(listed[0].id == "long");
    CHECK(listed[0].state == "running");
    CHECK(other.status().running == 1u);
    other.cancel("long");
    waiting.join();
    CHECK(result.state == petition_state::cancelled);
    CHECK(result.reason == "cancelled by cancel()");
    CHECK_THROWS_WITH(other.cancel("long"), "no petition \"long\" is queued or running");
}

TEST_CASE("service: a client that disconnects cancels the petitions it waits for") {
    recorder events;
    serving s(params_for("disconnect"), hello_hooks{&events});
    {
        service_client client(endpoint::unix_socket(s->params().socket));
        client.write_raw(encode({frame_type::send, {"orphan", "block", "true"}}));
        CHECK(client.read().type == frame_type::accepted);
        events.wait_for("blocking orphan");
    }  // the connection closes here
    events.wait_for("finish orphan cancelled (the client disconnected)");
}

TEST_CASE("service: the login: right key, wrong key, missing key, no key needed") {
    auto params = params_for("login");
    params.key = std::string("s3cret");
    serving s(params);
    CHECK_NOTHROW(service_client(endpoint::unix_socket(s->params().socket), "s3cret"));
    CHECK_THROWS_AS(service_client(endpoint::unix_socket(s->params().socket), "guess"), login_refused);
    CHECK_THROWS_WITH(service_client(endpoint::unix_socket(s->params().socket), "guess"),
                      "the service refused the login: wrong key");
    CHECK_THROWS_WITH(service_client(endpoint::unix_socket(s->params().socket)),
                      "the service refused the login: this service requires a key (--key or --key-file)");
    // A request before logging in is not read.
    service_client raw(endpoint::unix_socket(s->params().socket), "s3cret");
    serving open(params_for("login-open"));
    CHECK_NOTHROW(service_client(endpoint::unix_socket(open->params().socket), "anything"));
}

TEST_CASE("service: malformed, oversized and truncated frames get an error, and only that connection closes") {
    auto params = params_for("frames");
    params.max_frame = byte_size{1024};
    serving s(params);
    const auto error_then_closed = [&](const std::function<void(service_client&)>& misbehave) {
        service_client bad(endpoint::unix_socket(s->params().socket));
        misbehave(bad);
        const frame answer = bad.read();
        CHECK(answer.type == frame_type::error);
        CHECK_THROWS_WITH(bad.read(), Catch::Matchers::StartsWith("the connection to the service was lost"));
        return answer.fields.at(0);
    };
    CHECK(error_then_closed([](service_client& c) {
              c.write_raw(std::string("\0\0\0\x02\x63\x00", 6));  // type 99
          }) == "malformed frame: unknown type 99");
    CHECK(error_then_closed([](service_client& c) {
              c.write_raw(std::string("\0\0\0\x06\x02\0\0\0\x09x", 10));  // field longer than the frame
          }) == "malformed frame: a field of 9 bytes runs past the end of the frame");
    CHECK(error_then_closed([](service_client& c) { c.write_raw(std::string("\0\x10\0\0", 4)); }) ==
          "frame of 1048576 bytes exceeds the maximum of 1K bytes");
    CHECK(error_then_closed([](service_client& c) {
              c.write_raw(std::string("\0\0\0\x64\x02", 5));  // promises 100 bytes, sends 1
              c.shutdown_sending();
          }) == "truncated frame: 1 of 100 bytes arrived");
    // Everyone else is still served.
    service_client good(endpoint::unix_socket(s->params().socket));
    CHECK(good.send({"fine", {}}).state == petition_state::finished);
}

TEST_CASE("service: the Unix socket is private, replaces a stale file, refuses a second server") {
    const auto path = socket_path("perm");
    std::filesystem::remove(path);
    {  // a stale file, as a crashed server leaves
        std::ofstream stale(path);
    }
    {
        serving s({.socket = path, .handle_signals = false});
        struct stat st {};
        REQUIRE(::stat(path.c_str(), &st) == 0);
        CHECK(S_ISSOCK(st.st_mode));
        CHECK((st.st_mode & 0777) == 0600);
        CHECK_THROWS_WITH(server<hello_manager>({.socket = path, .handle_signals = false}),
                          "another server is already listening on " + path.string());
    }
    CHECK_FALSE(std::filesystem::exists(path));  // removed on stop
}

TEST_CASE("service: also on TCP, loopback by default") {
    auto params = params_for("tcp");
    params.listen = endpoint::tcp("127.0.0.1", 0);  // any free port
    serving s(params);
    REQUIRE(s->tcp_port() != 0);
    service_client client(endpoint::tcp("127.0.0.1", s->tcp_port()));
    CHECK(client.send({"over-tcp", {{"counter", "1"}}}).exit_code == 0);
}

TEST_CASE("service: SIGTERM stops the server gracefully and removes its socket") {
    recorder events;
    auto params = params_for("sigterm");
    params.handle_signals = true;
    server<hello_manager> srv(params, manager_params{.max_workers = 2}, hello_hooks{&events});
    std::thread serving_thread([&] { srv.run(); });
    outcome result;
    std::thread waiting([&] {
        service_client client(endpoint::unix_socket(params.socket));
        result = client.send({"running", {{"block", "true"}}});
    });
    events.wait_for("blocking running");
    ::kill(::getpid(), SIGTERM);
    serving_thread.join();
    waiting.join();
    CHECK(result.state == petition_state::cancelled);  // stop_mode = cancel
    CHECK_FALSE(std::filesystem::exists(params.socket));
}

TEST_CASE("service: 64 clients x 200 petitions, no output line lost or duplicated") {
    serving s(params_for("many"), hello_hooks{}, 4);
    constexpr int clients = 64, per_client = 200;
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int c = 0; c < clients; ++c) {
        threads.emplace_back([&, c] {
            service_client client(endpoint::unix_socket(s->params().socket));
            for (int i = 0; i < per_client; ++i) {
                const std::string id = "c" + std::to_string(c) + "-" + std::to_string(i);
                std::vector<std::string> lines;
                const outcome o = client.send({id, {{"counter", "3"}}},
                                              [&](process::stream, std::string_view l) { lines.emplace_back(l); });
                const std::vector<std::string> expected{id + ": Hello world! 0", id + ": Hello world! 1",
                                                        id + ": Hello world! 2"};
                if (lines != expected || o.state != petition_state::finished) ++failures;
            }
        });
    }
    for (auto& t : threads) t.join();
    CHECK(failures.load() == 0);
    CHECK(s->manager().queued() == 0);
}

TEST_CASE("service: a stop request during send cancels the petition on the service; send returns its end") {
    recorder events;
    serving s(params_for("stop"), hello_hooks{&events});
    std::stop_source stop;
    outcome result;
    std::thread waiting([&] {
        service_client client(endpoint::unix_socket(s->params().socket));
        result = client.send({"long", {{"block", "true"}}}, {}, {.stop = stop.get_token()});
    });
    events.wait_for("blocking long");
    stop.request_stop();
    waiting.join();
    CHECK(result.state == petition_state::cancelled);
    CHECK(result.cause == end_cause::cancelled_while_running);
    CHECK(s->manager().running() == 0u);
}

TEST_CASE("service: send's timeout cancels a petition that has not ended by then") {
    recorder events;
    serving s(params_for("timeout"), hello_hooks{&events});
    service_client client(endpoint::unix_socket(s->params().socket));
    const auto started = std::chrono::steady_clock::now();
    const outcome result = client.send({"long", {{"block", "true"}}}, {}, {.timeout = std::chrono::milliseconds(50)});
    CHECK(std::chrono::steady_clock::now() - started >= std::chrono::milliseconds(50));
    CHECK(client.timed_out());
    CHECK_FALSE(client.interrupted());
    CHECK(result.cause == end_cause::cancelled_while_running);
    CHECK(petition_exit_code(result, false) == exit_code::temp_fail);
    // The connection goes on: the cancel's answer did not confuse the next request.
    CHECK(client.send({"next", {}}).state == petition_state::finished);
}

TEST_CASE("service: with cancel_on_interrupt, SIGINT during send cancels the petition; exit code 130") {
    recorder events;
    serving s(params_for("interrupt"), hello_hooks{&events});
    outcome result;
    bool interrupted = false;
    std::thread waiting([&] {
        service_client client(endpoint::unix_socket(s->params().socket));
        // The first line arrives once send waits, with SIGINT in its hands.
        result =
            client.send({"long", {{"block", "true"}}}, [&](process::stream, std::string_view) { events.add("line"); },
                        {.cancel_on_interrupt = true});
        interrupted = client.interrupted();
    });
    events.wait_for("line");
    REQUIRE(::kill(::getpid(), SIGINT) == 0);
    waiting.join();
    CHECK(interrupted);
    CHECK(result.cause == end_cause::cancelled_while_running);
    CHECK(petition_exit_code(result, interrupted) == 130);
}

TEST_CASE("service: a client gives up on a service that never answers, after its reply timeout") {
    // A socket that accepts connections (the kernel's backlog) but never speaks.
    const auto path = socket_path("mute");
    boost::asio::io_context context;
    boost::asio::local::stream_protocol::acceptor mute(context,
                                                       boost::asio::local::stream_protocol::endpoint(path.string()));
    CHECK_THROWS_WITH(service_client(endpoint::unix_socket(path), {}, {.reply_timeout = std::chrono::milliseconds(50)}),
                      "the service did not answer within 50ms");
    std::filesystem::remove(path);
    CHECK_THROWS_AS(service_client(endpoint::unix_socket(path)), service_unavailable);
}

TEST_CASE("service: a TCP address may be a host name, resolved when the server starts and the client connects") {
    auto params = params_for("named-host");
    params.listen = endpoint::tcp("localhost", 0);
    serving s(params);
    REQUIRE(s->tcp_port() != 0);
    service_client client(endpoint::tcp("localhost", s->tcp_port()));
    CHECK(client.send({"named", {}}).state == petition_state::finished);
    CHECK_THROWS_WITH(service_client(endpoint::tcp("no-such-host.invalid", 80)),
                      Catch::Matchers::StartsWith("cannot connect to no-such-host.invalid:80: cannot resolve host"));
}
