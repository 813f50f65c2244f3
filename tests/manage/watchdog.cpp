// sd_notify on a real datagram socket: READY, STATUS, WATCHDOG while healthy, silence while the
// scheduling loop is stuck, STOPPING on shutdown.
#include "../support/environment.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <optional>
#include <thread>

using namespace orchard;
using namespace std::chrono_literals;

namespace {

// The systemd side: a datagram socket bound to a path or an abstract name ("@...").
class notify_listener {
public:
    explicit notify_listener(std::string address) : address_(std::move(address)) {
        fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        REQUIRE(fd_ >= 0);
        sockaddr_un a{};
        a.sun_family = AF_UNIX;
        std::memcpy(a.sun_path, address_.data(), address_.size());
        if (address_.front() == '@') a.sun_path[0] = '\0';
        REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&a),
                       socklen_t(offsetof(sockaddr_un, sun_path) + address_.size())) == 0);
    }
    ~notify_listener() {
        ::close(fd_);
        if (address_.front() != '@') ::unlink(address_.c_str());
    }
    // The next datagram, or nothing within the timeout.
    std::optional<std::string> receive(std::chrono::milliseconds timeout) {
        pollfd p{fd_, POLLIN, 0};
        if (::poll(&p, 1, int(timeout.count())) <= 0) return std::nullopt;
        char buffer[512];
        const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
        if (n < 0) return std::nullopt;
        return std::string(buffer, std::size_t(n));
    }
    // Receives until a datagram containing `part` arrives (or the timeout passes without one).
    std::optional<std::string> receive_containing(std::string_view part, std::chrono::milliseconds timeout) {
        while (auto m = receive(timeout))
            if (m->find(part) != std::string::npos) return m;
        return std::nullopt;
    }
    const std::string& address() const { return address_; }

private:
    std::string address_;
    int fd_ = -1;
};

struct quiet_hooks {
    int run(test::job&, petition_context&) { return 0; }
};

std::atomic<bool> stall{false};
test::gate* unstall = nullptr;

// A limit that can be made to hang, as a deadlocked condition would.
struct stalling_limit {
    bool operator()(const manager_view&) const {
        if (stall) unstall->wait();
        return true;
    }
};

}  // namespace

TEST_CASE("sd_notify to an abstract socket: READY, STATUS, periodic WATCHDOG, STOPPING") {
    notify_listener systemd("@orchard-test-notify-" + std::to_string(::getpid()));
    test::scoped_env env{{"NOTIFY_SOCKET", systemd.address()}, {"WATCHDOG_USEC", "100000"}};
    ::unsetenv("WATCHDOG_PID");
    {
        manager<test::job, manager_hooks<quiet_hooks>> m({.max_workers = 2});
        systemd_watchdog watchdog(m);
        REQUIRE(watchdog.enabled());
        watchdog.ready();
        const auto ready = systemd.receive_containing("READY=1", 2s);
        REQUIRE(ready);
        CHECK(*ready == "READY=1\nSTATUS=0 queued, 0 running, 2 workers");
        for (int i = 0; i < 3; ++i) {
            const auto ping = systemd.receive(2s);
            REQUIRE(ping);
            CHECK(*ping == "WATCHDOG=1\nSTATUS=0 queued, 0 running, 2 workers");
        }
        watchdog.stopping();
        CHECK(systemd.receive_containing("STOPPING=1", 2s));
    }
}

TEST_CASE("sd_notify to a socket path; without WATCHDOG_USEC only STATUS is sent") {
    const std::string path = "/tmp/orchard-notify-" + std::to_string(::getpid());
    notify_listener systemd(path);
    test::scoped_env env{{"NOTIFY_SOCKET", path}};
    ::unsetenv("WATCHDOG_USEC");
    manager<test::job, manager_hooks<quiet_hooks>> m({.max_workers = 1});
    {
        systemd_watchdog watchdog(m, {.status_interval = 50ms});
        watchdog.ready();
        CHECK(systemd.receive(2s) == std::optional<std::string>("READY=1\nSTATUS=0 queued, 0 running, 1 workers"));
        CHECK(systemd.receive(2s) == std::optional<std::string>("STATUS=0 queued, 0 running, 1 workers"));
    }
    // Destroyed after READY without stopping(): it says STOPPING itself.
    CHECK(systemd.receive_containing("STOPPING=1", 2s));
}

TEST_CASE("the watchdog pings stop while the scheduling loop is stuck, and resume after") {
    notify_listener systemd("@orchard-test-stall-" + std::to_string(::getpid()));
    test::scoped_env env{{"NOTIFY_SOCKET", systemd.address()}, {"WATCHDOG_USEC", "100000"}};
    test::gate release;
    unstall = &release;
    manager<test::job, manager_limit<stalling_limit>, manager_hooks<quiet_hooks>> m({.max_workers = 1});
    systemd_watchdog watchdog(m);
    REQUIRE(systemd.receive_containing("WATCHDOG=1", 2s));
    stall = true;
    m.submit(test::job{"stuck"});  // the worker evaluates the limit and hangs in it, holding the lock
    // Drain what may have been sent before the stall took hold, then expect silence for several
    // watchdog intervals (50 ms each).
    while (systemd.receive(150ms)) {}
    CHECK_FALSE(systemd.receive(400ms).has_value());
    stall = false;
    release.open();
    CHECK(systemd.receive_containing("WATCHDOG=1", 2s));
    m.wait_idle();
}

TEST_CASE("the watchdog's heartbeat calls no user code; it only wakes a worker to ask again") {
    // The old watchdog asked the head petition's can_start itself, from its own thread: a hook that
    // reserves something in can_start would then reserve it for a petition that does not start.
    static std::atomic<std::thread::id> forbidden{};
    static std::atomic<int> asked_from_forbidden{0}, asked{0};
    struct watched_hooks {
        int run(test::job&, petition_context&) { return 0; }
        bool can_start(const test::job&, const manager_view&) const {
            if (std::this_thread::get_id() == forbidden.load()) ++asked_from_forbidden;
            ++asked;
            return false;
        }
    };
    forbidden = std::this_thread::get_id();
    manager<test::job, manager_hooks<watched_hooks>> m({.max_workers = 1});
    m.submit(test::job{"waiting"});
    const int before = asked.load();
    for (int i = 0; i < 50; ++i) CHECK(m.heartbeat().queued == 1);
    CHECK(asked_from_forbidden.load() == 0);
    m.cancel("waiting");
    m.wait_idle();
    CHECK(asked.load() >= before);
}

TEST_CASE("sd_notifier without NOTIFY_SOCKET does nothing and says so") {
    ::unsetenv("NOTIFY_SOCKET");
    const auto n = sd_notifier::from_environment();
    CHECK_FALSE(n.enabled());
    CHECK_FALSE(n.ready());
    test::scoped_env env{{"WATCHDOG_USEC", "30000000"}, {"WATCHDOG_PID", std::to_string(::getpid())}};
    CHECK(sd_notifier::watchdog_interval() == std::chrono::microseconds(30'000'000));
    test::scoped_env other{{"WATCHDOG_PID", "1"}};
    CHECK_FALSE(sd_notifier::watchdog_interval().has_value());
}
