// The sd_notify protocol: datagrams to $NOTIFY_SOCKET telling systemd READY, STATUS, WATCHDOG, STOPPING.
#pragma once

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace orchard {

// One connectionless send per message, so a plain datagram socket is all it takes (no event loop).
class sd_notifier {
public:
    // Not connected to anything: every send does nothing (the service is not run by systemd).
    sd_notifier() = default;

    // `address` as in $NOTIFY_SOCKET: a path, or "@name" for an abstract socket.
    explicit sd_notifier(std::string_view address) {
        if (address.empty() || address.size() >= sizeof(sockaddr_un::sun_path)) return;
        address_.sun_family = AF_UNIX;
        std::memcpy(address_.sun_path, address.data(), address.size());
        if (address.front() == '@') address_.sun_path[0] = '\0';
        length_ = socklen_t(offsetof(sockaddr_un, sun_path) + address.size());
        fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    }

    // From $NOTIFY_SOCKET, as systemd sets it for Type=notify services.
    static sd_notifier from_environment() {
        const char* address = std::getenv("NOTIFY_SOCKET");
        return address ? sd_notifier(address) : sd_notifier();
    }

    // The watchdog interval from $WATCHDOG_USEC (only if $WATCHDOG_PID is unset or ours).
    static std::optional<std::chrono::microseconds> watchdog_interval() {
        const char* usec = std::getenv("WATCHDOG_USEC");
        if (!usec) return std::nullopt;
        if (const char* pid = std::getenv("WATCHDOG_PID")) {
            long value = 0;
            const std::string_view text(pid);
            if (std::from_chars(text.data(), text.data() + text.size(), value).ec != std::errc{} || value != ::getpid())
                return std::nullopt;
        }
        unsigned long long value = 0;
        const std::string_view text(usec);
        if (std::from_chars(text.data(), text.data() + text.size(), value).ec != std::errc{} || value == 0)
            return std::nullopt;
        return std::chrono::microseconds(value);
    }

    sd_notifier(sd_notifier&& other) noexcept : fd_(other.fd_), address_(other.address_), length_(other.length_) {
        other.fd_ = -1;
    }
    sd_notifier& operator=(sd_notifier&& other) noexcept {
        if (this != &other) {
            close();
            fd_ = std::exchange(other.fd_, -1);
            address_ = other.address_;
            length_ = other.length_;
        }
        return *this;
    }
    sd_notifier(const sd_notifier&) = delete;
    sd_notifier& operator=(const sd_notifier&) = delete;
    ~sd_notifier() { close(); }

    bool enabled() const noexcept { return fd_ >= 0; }

    // Sends "READY=1", "STATUS=...", "WATCHDOG=1", "STOPPING=1" or several, newline-separated.
    // Returns false when not enabled or the send failed (systemd gone): never throws.
    bool notify(std::string_view state) const noexcept {
        if (fd_ < 0) return false;
        ssize_t sent;
        do {
            sent = ::sendto(fd_, state.data(), state.size(), MSG_NOSIGNAL, reinterpret_cast<const sockaddr*>(&address_),
                            length_);
        } while (sent < 0 && errno == EINTR);
        return sent == static_cast<ssize_t>(state.size());
    }

    bool ready() const noexcept { return notify("READY=1"); }
    bool stopping() const noexcept { return notify("STOPPING=1"); }
    bool watchdog() const noexcept { return notify("WATCHDOG=1"); }
    bool status(std::string_view text) const { return notify("STATUS=" + std::string(text)); }

private:
    void close() noexcept {
        if (fd_ >= 0) ::close(fd_);
        fd_ = -1;
    }

    int fd_ = -1;
    sockaddr_un address_{};
    socklen_t length_ = 0;
};

}  // namespace orchard
