// What the wait loop does with bytes on a captured pipe: drop them, cut them into lines, pass them on.
#pragma once

#include <orchard/process/command.hpp>
#include <orchard/process/detail/line_splitter.hpp>
#include <orchard/process/detail/unique_fd.hpp>

#include <algorithm>
#include <cerrno>
#include <cstddef>
#include <string_view>

namespace orchard::detail {

// A reader's on_readable(stream, fd) reads once from a pipe that poll reported ready and returns
// false when the stream has ended (end of file, or an error that ends it just as well).
[[nodiscard]] inline bool stream_ended(ssize_t result) noexcept {
    return result == 0 || (result < 0 && errno != EAGAIN);
}

// For try_wait() and wait_until(), which leave captured pipes alone: never called.
struct no_reader {
    bool on_readable(process::stream, int) noexcept { return true; }
};

// For wait(): output nobody asked for is dropped, so a child never blocks on a full pipe.
class discarding_reader {
public:
    bool on_readable(process::stream, int fd) noexcept { return !stream_ended(read_some(fd, buffer_, sizeof buffer_)); }

private:
    char buffer_[8192];
};

// For stream_chunks(): bytes as they arrive, boundaries wherever the reads fall.
template <class Sink>
class chunk_reader {
public:
    explicit chunk_reader(Sink& sink) noexcept : sink_(sink) {}

    bool on_readable(process::stream which, int fd) {
        const ssize_t result = read_some(fd, buffer_, sizeof buffer_);
        if (stream_ended(result)) return false;
        if (result > 0) sink_(which, std::string_view(buffer_, static_cast<std::size_t>(result)));
        return true;
    }

private:
    Sink& sink_;
    char buffer_[16384];
};

// For stream_output(): one splitter per captured stream, each with a buffer of max_line bytes.
template <class Sink>
class line_reader {
public:
    line_reader(Sink& sink, std::size_t max_line, bool out, bool err)
        : sink_(sink),
          out_(out ? std::max<std::size_t>(max_line, 1) : 0),
          err_(err ? std::max<std::size_t>(max_line, 1) : 0) {}

    bool on_readable(process::stream which, int fd) {
        line_splitter& splitter = which == process::stream::out ? out_ : err_;
        const auto emit = [&](std::string_view line) { sink_(which, line); };
        const auto space = splitter.free_space();
        const ssize_t result = read_some(fd, space.data(), space.size());
        if (stream_ended(result)) {
            splitter.finish(emit);
            return false;
        }
        if (result > 0) splitter.commit(static_cast<std::size_t>(result), emit);
        return true;
    }

private:
    Sink& sink_;
    line_splitter out_;
    line_splitter err_;
};

}  // namespace orchard::detail
