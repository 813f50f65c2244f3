// A running child process: waiting, streaming its output, stopping its process group, reaping it.
#pragma once

#include <orchard/process/command.hpp>
#include <orchard/process/detail/pidfd.hpp>
#include <orchard/process/detail/readers.hpp>
#include <orchard/process/detail/spawn.hpp>
#include <orchard/process/detail/unique_fd.hpp>
#include <orchard/process/error.hpp>
#include <orchard/process/exit_status.hpp>

#include <poll.h>
#include <signal.h>
#include <sys/eventfd.h>
#include <sys/wait.h>
#include <time.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace orchard::detail {

using steady_clock = std::chrono::steady_clock;

// now + timeout, saturating instead of overflowing for "forever"-sized timeouts.
template <class Rep, class Period>
[[nodiscard]] steady_clock::time_point deadline_after(const std::chrono::duration<Rep, Period>& timeout) {
    const auto now = steady_clock::now();
    if (timeout <= std::chrono::duration<Rep, Period>::zero()) return now;
    const std::chrono::duration<double, std::nano> room = steady_clock::time_point::max() - now;
    if (std::chrono::duration<double, std::nano>(timeout) >= room) return steady_clock::time_point::max();
    return now + std::chrono::ceil<steady_clock::duration>(timeout);
}

[[nodiscard]] inline process::exit_status to_exit_status(const siginfo_t& info) noexcept {
    if (info.si_code == CLD_EXITED) return process::exit_status::from_code(info.si_status);
    return process::exit_status::from_signal(info.si_status, info.si_code == CLD_DUMPED);
}

}  // namespace orchard::detail

namespace orchard::process {

inline constexpr std::size_t default_max_line = 64 * 1024;

template <class Sink>
concept output_sink = std::invocable<Sink&, stream, std::string_view>;

// Owns one spawned process, which leads its own process group (the group id is its pid). Move-only.
//
// Thread safety. The "waiting" operations -- wait, try_wait, wait_for, wait_until, stream_output,
// stream_chunks -- and move and destruction must not run concurrently with each other on one
// child (one waiting thread at a time; successive calls from different threads are fine).
// request_stop, kill, stop_requested, valid, pid and pidfd may be called from any thread at any
// time, concurrently with each other and with a waiting operation, but not with move or
// destruction. Different children are independent.
class child {
public:
    using clock = std::chrono::steady_clock;

    // Holds no process: valid() is false.
    child() noexcept = default;
    // From spawn(); see process/spawn.hpp.
    explicit child(detail::spawned&& process) noexcept
        : pid_(process.pid),
          pidfd_(std::move(process.pidfd)),
          out_(std::move(process.out)),
          err_(std::move(process.err)),
          kill_group_on_exit_(process.kill_group_on_exit) {}

    child(child&& other) noexcept { take(other); }
    child& operator=(child&& other) noexcept {
        if (this != &other) {
            release();
            take(other);
        }
        return *this;
    }
    child(const child&) = delete;
    child& operator=(const child&) = delete;

    // A child still running is killed with its whole group, then reaped: no zombie, no orphan.
    ~child() { release(); }

    [[nodiscard]] bool valid() const noexcept { return pid_ > 0; }
    explicit operator bool() const noexcept { return valid(); }
    // Also the id of the process group the child leads.
    [[nodiscard]] pid_t pid() const noexcept { return pid_; }
    // For callers that poll it in their own event loop; stays owned by the child.
    [[nodiscard]] int pidfd() const noexcept { return pidfd_.get(); }

    // Blocks until the child has exited and is reaped. Captured output nobody streams is read and
    // dropped meanwhile, so the child cannot block on a full pipe while we wait for it.
    exit_status wait() {
        detail::discarding_reader reader;
        return *pump(reader, clock::time_point::max(), pipes::drain);
    }

    // Reaps the child if it has exited; never blocks. Captured output stays in the pipes for a
    // later stream_output().
    std::optional<exit_status> try_wait() {
        detail::no_reader reader;
        return pump(reader, clock::time_point::min(), pipes::ignore);
    }

    // The exit status, or nothing if the child is still running at the deadline. Captured output
    // stays in the pipes, as for try_wait().
    std::optional<exit_status> wait_until(clock::time_point deadline) {
        detail::no_reader reader;
        return pump(reader, deadline, pipes::ignore);
    }
    template <class Rep, class Period>
    std::optional<exit_status> wait_for(const std::chrono::duration<Rep, Period>& timeout) {
        return wait_until(detail::deadline_after(timeout));
    }

    // Reads captured stdout and stderr concurrently and calls sink(stream, line) for every line,
    // without its newline; a last line without one is delivered too, and a line longer than
    // max_line bytes arrives as consecutive pieces of max_line bytes. Returns once the child has
    // exited and both pipes are closed. An exception from the sink propagates; the child keeps
    // running until waited for or destroyed.
    template <output_sink Sink>
    exit_status stream_output(Sink&& sink, std::size_t max_line = default_max_line) {
        detail::line_reader<std::remove_reference_t<Sink>> reader(sink, max_line, static_cast<bool>(out_),
                                                                  static_cast<bool>(err_));
        return *pump(reader, clock::time_point::max(), pipes::to_end);
    }

    // As stream_output, but sink(stream, bytes) receives the bytes as they arrive, uncut.
    template <output_sink Sink>
    exit_status stream_chunks(Sink&& sink) {
        detail::chunk_reader<std::remove_reference_t<Sink>> reader(sink);
        return *pump(reader, clock::time_point::max(), pipes::to_end);
    }

    // SIGTERM (and SIGCONT, so a stopped job can act on it) to the whole process group now, and
    // SIGKILL to the group once `grace` has passed if the child has not exited by then. The waiting
    // operation running or called next enforces the deadline; without one, destruction kills at
    // once. A second call can shorten the grace period, not extend it. Does nothing once reaped.
    template <class Rep, class Period>
    void request_stop(const std::chrono::duration<Rep, Period>& grace) {
        if (!valid()) return;
        const auto kill_at = detail::deadline_after(grace);
        std::lock_guard lock(mutex_);
        if (reaped_ || killed_) return;
        if (kill_at <= clock::now()) {
            kill_group_locked();
            return;
        }
        if (!stop_requested_) {
            stop_requested_ = true;
            ::killpg(pid_, SIGTERM);
            ::killpg(pid_, SIGCONT);
        }
        kill_at_ = std::min(kill_at_, kill_at);
        if (wake_) {
            const std::uint64_t one = 1;
            if (::write(wake_.get(), &one, sizeof one) < 0) {
                // Only fails when the counter is saturated, which wakes the waiter just as well.
            }
        }
    }

    // SIGKILL to the whole process group now. Does nothing once reaped.
    void kill() noexcept {
        if (!valid()) return;
        std::lock_guard lock(mutex_);
        if (!reaped_ && !killed_) kill_group_locked();
    }

    [[nodiscard]] bool stop_requested() const noexcept {
        std::lock_guard lock(mutex_);
        return stop_requested_;
    }

private:
    // What a waiting operation does with captured pipes: leave them, read them while the leader
    // runs, or read them to their end (and then the wait ends only when they are closed too).
    enum class pipes { ignore, drain, to_end };

    void require_valid() const {
        if (!valid())
            throw process_error("waiting on a child that holds no process (moved from or default-constructed)",
                                std::make_error_code(std::errc::no_child_process));
    }

    // Called with mutex_ held and the leader not reaped: its zombie pins the group id, so the
    // group cannot be someone else's. The pidfd reaches a leader that left its own group.
    void kill_group_locked() noexcept {
        ::killpg(pid_, SIGKILL);
        detail::pidfd_send_signal(pidfd_.get(), SIGKILL);
        killed_ = true;
        stop_requested_ = true;
        kill_at_ = clock::time_point::max();
    }

    // The leader has exited (its pidfd is readable): kill what is left of its group if asked, then
    // reap it, under the lock so that no signal can go to the group id once it is free. WNOWAIT
    // first confirms the zombie is still ours: if SIGCHLD is ignored the kernel has reaped it
    // already, and its group id may belong to someone else.
    void reap() {
        std::lock_guard lock(mutex_);
        int error = ECHILD;
        if (!reaped_) {
            siginfo_t info{};
            const auto wait = [&](int options) {
                int result;
                do {
                    result = ::waitid(P_PIDFD, static_cast<id_t>(pidfd_.get()), &info, options);
                } while (result < 0 && errno == EINTR);
                return result;
            };
            int result = wait(WEXITED | WNOWAIT);
            if (result == 0) {
                if (kill_group_on_exit_) ::killpg(pid_, SIGKILL);
                result = wait(WEXITED);
            }
            reaped_ = true;
            kill_at_ = clock::time_point::max();
            if (result == 0) {
                status_ = detail::to_exit_status(info);
                return;
            }
            error = errno;
        }
        throw process_error(
            "cannot reap process " + std::to_string(pid_) +
                " (is SIGCHLD ignored, or did something call waitpid(-1)?): " + detail::errno_code(error).message(),
            detail::errno_code(error));
    }

    // The one event loop behind every waiting operation: poll the pidfd, the wake-up eventfd and
    // the captured pipes, with the earlier of `until` and the SIGKILL deadline as timeout. Returns
    // the status once the leader is reaped (and, with pipes::to_end, both pipes are closed), or nothing
    // at `until`.
    template <class Reader>
    std::optional<exit_status> pump(Reader& reader, clock::time_point until, pipes mode) {
        require_valid();
        const bool timed = until != clock::time_point::max();
        const bool until_eof = mode == pipes::to_end;
        for (;;) {
            const bool reading = until_eof && (out_ || err_);
            // A leader kept as a zombie while its group still held the pipes open.
            if (exit_seen_ && !status_ && !reading) reap();
            if (status_ && !reading) return status_;

            const clock::time_point now = timed ? clock::now() : clock::time_point{};
            const bool may_block = !timed || until > now;
            clock::time_point kill_at;
            {
                std::lock_guard lock(mutex_);
                // Created before kill_at_ is read, so a request_stop that comes after the read
                // finds it and wakes us.
                if (may_block && !wake_) {
                    wake_.reset(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK));
                    if (!wake_) {
                        const int error = errno;
                        throw process_error("cannot create an eventfd: " + detail::errno_code(error).message(),
                                            detail::errno_code(error));
                    }
                }
                kill_at = kill_at_;
            }

            timespec timeout{};
            timespec* timeout_pointer = nullptr;
            if (const auto deadline = std::min(until, kill_at); deadline != clock::time_point::max()) {
                const auto current = timed ? now : clock::now();
                if (kill_at <= current) {
                    kill_on_deadline(current);
                    continue;
                }
                if (deadline > current) {
                    const auto left = std::chrono::duration_cast<std::chrono::nanoseconds>(deadline - current);
                    timeout.tv_sec = static_cast<time_t>(left.count() / 1'000'000'000);
                    timeout.tv_nsec = static_cast<long>(left.count() % 1'000'000'000);
                }
                timeout_pointer = &timeout;
            }

            pollfd fds[4];
            nfds_t count = 0;
            const auto add = [&](int fd) {
                if (fd < 0) return -1;
                fds[count] = pollfd{fd, POLLIN, 0};
                return static_cast<int>(count++);
            };
            const int pid_slot = exit_seen_ ? -1 : add(pidfd_.get());
            const int wake_slot = add(wake_.get());
            const int out_slot = mode == pipes::ignore ? -1 : add(out_.get());
            const int err_slot = mode == pipes::ignore ? -1 : add(err_.get());

            const int ready = ::ppoll(fds, count, timeout_pointer, nullptr);
            if (ready < 0) {
                if (errno == EINTR) continue;
                const int error = errno;
                throw process_error(
                    "cannot poll process " + std::to_string(pid_) + ": " + detail::errno_code(error).message(),
                    detail::errno_code(error));
            }
            if (wake_slot >= 0 && fds[wake_slot].revents != 0) {
                std::uint64_t count_ignored;
                if (::read(wake_.get(), &count_ignored, sizeof count_ignored) < 0) {
                    // EAGAIN: another read drained it first; nothing is lost either way.
                }
            }
            if (out_slot >= 0 && fds[out_slot].revents != 0 && !reader.on_readable(stream::out, out_.get()))
                out_.reset();
            if (err_slot >= 0 && fds[err_slot].revents != 0 && !reader.on_readable(stream::err, err_.get()))
                err_.reset();
            if (pid_slot >= 0 && fds[pid_slot].revents != 0) {
                exit_seen_ = true;
                // Without kill_group_on_exit, a group that still holds the pipes may outlive the
                // leader; its zombie is kept until the pipes close so request_stop can still
                // signal the group safely.
                if (!until_eof || kill_group_on_exit_ || !(out_ || err_)) reap();
            }
            if (timed && !status_ && clock::now() >= until) return std::nullopt;
        }
    }

    void kill_on_deadline(clock::time_point now) noexcept {
        std::lock_guard lock(mutex_);
        if (!reaped_ && !killed_ && kill_at_ <= now) kill_group_locked();
    }

    void take(child& other) noexcept {
        pid_ = std::exchange(other.pid_, -1);
        pidfd_ = std::move(other.pidfd_);
        out_ = std::move(other.out_);
        err_ = std::move(other.err_);
        kill_group_on_exit_ = other.kill_group_on_exit_;
        exit_seen_ = std::exchange(other.exit_seen_, false);
        status_ = std::exchange(other.status_, std::nullopt);
        reaped_ = std::exchange(other.reaped_, false);
        stop_requested_ = std::exchange(other.stop_requested_, false);
        killed_ = std::exchange(other.killed_, false);
        kill_at_ = std::exchange(other.kill_at_, clock::time_point::max());
        wake_ = std::move(other.wake_);
    }

    // Never throws: a destructor's last resort. SIGKILL, then a blocking reap, which SIGKILL makes short.
    void release() noexcept {
        if (valid() && !reaped_) {
            siginfo_t info{};
            // Fails only if the child was reaped behind our back; then nothing may be signalled.
            if (::waitid(P_PIDFD, static_cast<id_t>(pidfd_.get()), &info, WEXITED | WNOHANG | WNOWAIT) == 0) {
                const bool running = info.si_pid == 0;
                // The group of a leader that has exited is left alone when asked to.
                if (running || kill_group_on_exit_) ::killpg(pid_, SIGKILL);
                if (running) detail::pidfd_send_signal(pidfd_.get(), SIGKILL);
                while (::waitid(P_PIDFD, static_cast<id_t>(pidfd_.get()), &info, WEXITED) < 0 && errno == EINTR) {}
            }
            reaped_ = true;
        }
        pid_ = -1;
        pidfd_.reset();
        out_.reset();
        err_.reset();
        wake_.reset();
    }

    pid_t pid_ = -1;
    detail::unique_fd pidfd_;
    detail::unique_fd out_;
    detail::unique_fd err_;
    bool kill_group_on_exit_ = true;

    // Touched only by the waiting thread.
    bool exit_seen_ = false;
    std::optional<exit_status> status_;

    // Shared with request_stop() and kill() on other threads.
    mutable std::mutex mutex_;
    bool reaped_ = false;
    bool stop_requested_ = false;
    bool killed_ = false;
    clock::time_point kill_at_ = clock::time_point::max();
    // Written by request_stop() to wake a waiting thread so it picks up the new SIGKILL deadline.
    detail::unique_fd wake_;
};

}  // namespace orchard::process
