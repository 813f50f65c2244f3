// Helpers of the process tests: temporary directories, FIFOs as readiness events, checks on processes.
#pragma once

#include <orchard/process.hpp>

#include <catch2/catch.hpp>

#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace test {

namespace fs = std::filesystem;
namespace pr = orchard::process;
using namespace std::chrono_literals;

// Generous: only reached when something is broken, and then the test fails instead of hanging.
inline constexpr std::chrono::milliseconds event_timeout = 10s;

// A fresh directory, removed with its content when the test ends.
class temp_dir {
public:
    temp_dir() {
        std::string pattern = (fs::temp_directory_path() / "orchard-process-XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
        path_ = pattern;
    }
    ~temp_dir() {
        std::error_code ignored;
        fs::remove_all(path_, ignored);
    }
    temp_dir(const temp_dir&) = delete;
    temp_dir& operator=(const temp_dir&) = delete;

    [[nodiscard]] const fs::path& path() const noexcept { return path_; }
    [[nodiscard]] fs::path operator/(const std::string& name) const { return path_ / name; }

private:
    fs::path path_;
};

inline std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

inline void write_file(const fs::path& path, const std::string& text,
                       fs::perms permissions = fs::perms::owner_read | fs::perms::owner_write) {
    std::ofstream(path, std::ios::binary) << text;
    fs::permissions(path, permissions);
}

// A named pipe a child writes "ready" lines to, so a test waits on an event, not a sleep. The read
// end is opened first and non-blocking, so spawn's open of the write end never blocks.
class fifo {
public:
    explicit fifo(fs::path path) : path_(std::move(path)) {
        if (::mkfifo(path_.c_str(), 0600) != 0) throw std::runtime_error("mkfifo failed");
        fd_ = ::open(path_.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
        if (fd_ < 0) throw std::runtime_error("cannot open the fifo");
    }
    ~fifo() { ::close(fd_); }
    fifo(const fifo&) = delete;
    fifo& operator=(const fifo&) = delete;

    [[nodiscard]] const fs::path& path() const noexcept { return path_; }

    // The next line the child writes; fails the test if none comes within event_timeout.
    std::string read_line() {
        const auto deadline = std::chrono::steady_clock::now() + event_timeout;
        for (;;) {
            if (const auto end = buffer_.find('\n'); end != std::string::npos) {
                std::string line = buffer_.substr(0, end);
                buffer_.erase(0, end + 1);
                return line;
            }
            const auto left =
                std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
            if (left <= 0ms) FAIL("no line from the child on " << path_);
            pollfd fd{fd_, POLLIN, 0};
            if (::poll(&fd, 1, static_cast<int>(left.count())) <= 0) continue;
            char bytes[256];
            const ssize_t count = ::read(fd_, bytes, sizeof bytes);
            if (count > 0) buffer_.append(bytes, static_cast<std::size_t>(count));
            if (count == 0) FAIL("the child closed " << path_ << " without writing a line");
        }
    }

private:
    fs::path path_;
    int fd_ = -1;
    std::string buffer_;
};

// A pidfd for a process that is not our child (a grandchild): it becomes readable when the process
// exits, which lets a test wait for that event with a timeout.
class watched_process {
public:
    explicit watched_process(pid_t pid) : pid_(pid), fd_(static_cast<int>(::syscall(SYS_pidfd_open, pid, 0U))) {
        REQUIRE(fd_ >= 0);
    }
    ~watched_process() { ::close(fd_); }
    watched_process(const watched_process&) = delete;
    watched_process& operator=(const watched_process&) = delete;

    [[nodiscard]] pid_t pid() const noexcept { return pid_; }
    [[nodiscard]] bool exited_within(std::chrono::milliseconds timeout) const {
        pollfd fd{fd_, POLLIN, 0};
        return ::poll(&fd, 1, static_cast<int>(timeout.count())) == 1;
    }
    [[nodiscard]] bool running_now() const {
        pollfd fd{fd_, POLLIN, 0};
        return ::poll(&fd, 1, 0) == 0;
    }

private:
    pid_t pid_;
    int fd_;
};

// 'R', 'S', 'Z'... from /proc/<pid>/stat, or 0 when there is no such process.
inline char process_state(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string text;
    if (!std::getline(in, text)) return 0;
    const auto name_end = text.rfind(')');
    return name_end == std::string::npos || name_end + 2 >= text.size() ? 0 : text[name_end + 2];
}

inline pid_t parent_of(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string text;
    if (!std::getline(in, text)) return 0;
    std::istringstream fields(text.substr(text.rfind(')') + 2));
    char state;
    pid_t parent = 0;
    fields >> state >> parent;
    return parent;
}

// Gone, or a zombie whose parent is not us: it no longer runs, and reaping it is not our job (here
// PID 1 may not reap at all, so "no /proc entry" would be too strict).
inline bool is_dead_and_not_ours(pid_t pid) {
    const char state = process_state(pid);
    return state == 0 || ((state == 'Z' || state == 'X') && parent_of(pid) != ::getpid());
}

// None of our children is left, running or zombie: every child was reaped.
inline bool no_children_left() {
    int status = 0;
    return ::waitpid(-1, &status, WNOHANG) == -1 && errno == ECHILD;
}

inline std::size_t open_descriptor_count() {
    std::size_t count = 0;
    for ([[maybe_unused]] const auto& entry : fs::directory_iterator("/proc/self/fd")) ++count;
    return count;
}

inline pr::command shell(std::string script) { return pr::command{.program = "sh", .args = {"-c", std::move(script)}}; }

// Lines of each stream, as stream_output delivers them.
struct lines {
    std::vector<std::string> out;
    std::vector<std::string> err;

    auto sink() {
        return [this](pr::stream which, std::string_view line) {
            (which == pr::stream::out ? out : err).emplace_back(line);
        };
    }
};

}  // namespace test
