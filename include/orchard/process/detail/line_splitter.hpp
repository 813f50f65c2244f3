// Cutting a byte stream into lines in a fixed buffer: long lines come out in pieces, never grow it.
#pragma once

#include <cstddef>
#include <cstring>
#include <memory>
#include <span>
#include <string_view>

namespace orchard::detail {

class line_splitter {
public:
    // max_line 0 makes a splitter that allocates nothing and must not be fed: a stream not captured.
    explicit line_splitter(std::size_t max_line)
        : capacity_(max_line), buffer_(max_line > 0 ? std::make_unique_for_overwrite<char[]>(max_line) : nullptr) {}

    // Where the next read should put its bytes; never empty when max_line > 0.
    [[nodiscard]] std::span<char> free_space() noexcept { return {buffer_.get() + size_, capacity_ - size_}; }

    // Takes `count` bytes just written into free_space() and emits every complete line, without its
    // newline. A line longer than the buffer is emitted in pieces of the buffer's size; its
    // newline then ends the last piece rather than producing an extra empty line.
    template <class Emit>
    void commit(std::size_t count, Emit&& emit) {
        char* const data = buffer_.get();
        std::size_t scan = size_;
        size_ += count;
        std::size_t start = 0;
        while (const void* found = std::memchr(data + scan, '\n', size_ - scan)) {
            const std::size_t end = static_cast<std::size_t>(static_cast<const char*>(found) - data);
            if (!(continued_ && end == start)) emit(std::string_view(data + start, end - start));
            continued_ = false;
            start = scan = end + 1;
        }
        if (start == 0 && size_ == capacity_) {
            emit(std::string_view(data, size_));
            continued_ = true;
            size_ = 0;
            return;
        }
        if (start > 0) {
            std::memmove(data, data + start, size_ - start);
            size_ -= start;
        }
    }

    // At end of stream: the last line, even without a newline.
    template <class Emit>
    void finish(Emit&& emit) {
        if (size_ > 0) emit(std::string_view(buffer_.get(), size_));
        size_ = 0;
        continued_ = false;
    }

private:
    std::size_t capacity_;
    std::unique_ptr<char[]> buffer_;
    std::size_t size_ = 0;
    // The last piece emitted was cut from a line that had not ended yet.
    bool continued_ = false;
};

}  // namespace orchard::detail
