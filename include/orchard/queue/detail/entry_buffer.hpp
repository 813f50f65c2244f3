// The heap's array of small entries, aligned to a cache line so each group of siblings shares one.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <new>
#include <type_traits>
#include <utility>

namespace orchard::detail {

// A bare growable array of trivially copyable entries. The heap tracks how many are in use, so the
// buffer only knows its capacity; growth copies the used range with memcpy.
template <class E>
class entry_buffer {
    static_assert(std::is_trivially_copyable_v<E>);

public:
    static constexpr std::align_val_t alignment{64};

    entry_buffer() noexcept = default;
    entry_buffer(entry_buffer&& other) noexcept
        : data_(std::exchange(other.data_, nullptr)), capacity_(std::exchange(other.capacity_, 0)) {}
    entry_buffer& operator=(entry_buffer&& other) noexcept {
        std::swap(data_, other.data_);
        std::swap(capacity_, other.capacity_);
        return *this;
    }
    entry_buffer(const entry_buffer&) = delete;
    entry_buffer& operator=(const entry_buffer&) = delete;
    ~entry_buffer() { release(); }

    // A copy of the entries [first, last) of other, at the same indexes.
    entry_buffer(const entry_buffer& other, std::size_t first, std::size_t last) {
        if (last <= first) return;
        data_ = allocate(last);
        capacity_ = last;
        std::memcpy(static_cast<void*>(data_ + first), other.data_ + first, (last - first) * sizeof(E));
    }

    E* data() noexcept { return data_; }
    const E* data() const noexcept { return data_; }
    E& operator[](std::size_t i) noexcept { return data_[i]; }
    const E& operator[](std::size_t i) const noexcept { return data_[i]; }
    std::size_t capacity() const noexcept { return capacity_; }

    // Makes room for n entries, keeping those in [first, last). Grows geometrically; may throw bad_alloc.
    void reserve(std::size_t n, std::size_t first, std::size_t last) {
        if (n <= capacity_) return;
        const std::size_t new_capacity = std::max({n, capacity_ * 2, std::size_t{16}});
        E* fresh = allocate(new_capacity);
        if (last > first) std::memcpy(static_cast<void*>(fresh + first), data_ + first, (last - first) * sizeof(E));
        release();
        data_ = fresh;
        capacity_ = new_capacity;
    }

private:
    static E* allocate(std::size_t n) {
        // operator new creates the implicit-lifetime entries the heap then assigns.
        return static_cast<E*>(::operator new(n * sizeof(E), alignment));
    }
    void release() noexcept {
        if (data_ != nullptr) ::operator delete(data_, alignment);
        data_ = nullptr;
        capacity_ = 0;
    }

    E* data_ = nullptr;
    std::size_t capacity_ = 0;
};

}  // namespace orchard::detail
