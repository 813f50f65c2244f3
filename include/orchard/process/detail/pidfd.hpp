// pidfd system calls, made directly: glibc 2.36's <sys/pidfd.h> lacks extern "C", so C++ cannot link it.
#pragma once

#include <sys/syscall.h>
#include <sys/types.h>
#include <unistd.h>

#include <csignal>

namespace orchard::detail {

// The descriptor is always close-on-exec.
[[nodiscard]] inline int pidfd_open(pid_t pid) noexcept { return static_cast<int>(::syscall(SYS_pidfd_open, pid, 0U)); }

inline int pidfd_send_signal(int pidfd, int signal) noexcept {
    return static_cast<int>(::syscall(SYS_pidfd_send_signal, pidfd, signal, nullptr, 0U));
}

}  // namespace orchard::detail
