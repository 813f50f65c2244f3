// An owning file descriptor, so every descriptor the process module opens is closed exactly once.
#pragma once

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstddef>
#include <utility>

namespace orchard::detail {

class unique_fd {
public:
    unique_fd() noexcept = default;
    explicit unique_fd(int fd) noexcept : fd_(fd) {}
    unique_fd(unique_fd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
    unique_fd& operator=(unique_fd&& other) noexcept {
        if (this != &other) reset(std::exchange(other.fd_, -1));
        return *this;
    }
    ~unique_fd() { reset(); }

    [[nodiscard]] int get() const noexcept { return fd_; }
    explicit operator bool() const noexcept { return fd_ >= 0; }

    // close() is not retried on EINTR: on Linux the descriptor is gone either way.
    void reset(int fd = -1) noexcept {
        if (fd_ >= 0) ::close(fd_);
        fd_ = fd;
    }

private:
    int fd_ = -1;
};

// The parent's descriptors 0-2 may be closed, so a new descriptor can land on one of them. The
// child's file actions dup2 onto 0, 1 and 2 in turn; a source descriptor below 3 could then be
// overwritten before it is used. Returns 0 or an errno.
[[nodiscard]] inline int move_above_stdio(unique_fd& fd) noexcept {
    if (fd.get() > 2) return 0;
    const int moved = ::fcntl(fd.get(), F_DUPFD_CLOEXEC, 3);
    if (moved < 0) return errno;
    fd.reset(moved);
    return 0;
}

[[nodiscard]] inline ssize_t read_some(int fd, char* data, std::size_t size) noexcept {
    ssize_t result;
    do {
        result = ::read(fd, data, size);
    } while (result < 0 && errno == EINTR);
    return result;
}

}  // namespace orchard::detail
