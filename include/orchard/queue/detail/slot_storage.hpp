// Chunked slot storage for queued payloads: an element never moves once constructed, freed slots are reused.
#pragma once

#include <orchard/queue/detail/common.hpp>

#include <algorithm>
#include <array>
#include <bit>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <stdexcept>
#include <utility>
#include <vector>

namespace orchard::detail {

// Chunk k holds first_chunk << k slots, so the chunk table stays tiny and growth never relocates a
// payload: a throwing or absent move constructor costs nothing, and top() references stay valid
// across pushes. Every slot has a Header with at least `std::uint32_t generation`, odd while the
// slot holds an element. Free slots wait on a stack (an array, not a list threaded through the
// slots: after a million pops, a million pushes would otherwise chase a million cold pointers).
template <class T, class Header>
class slot_storage {
public:
    struct slot {
        Header header;
        alignas(T) std::byte bytes[sizeof(T)];
    };

    // Slot indexes are 32-bit and the all-ones index means "none": 2^31 elements is the limit.
    static constexpr std::uint32_t max_slots = 0x8000'0000u;

    slot_storage() noexcept = default;

    slot_storage(slot_storage&& other) noexcept
        : chunks_(std::exchange(other.chunks_, {})),
          chunk_count_(std::exchange(other.chunk_count_, 0)),
          count_(std::exchange(other.count_, 0)),
          capacity_(std::exchange(other.capacity_, 0)),
          free_(std::move(other.free_)) {}

    // Copies keep every slot index and generation, so the copy answers the original's handles.
    slot_storage(const slot_storage& other)
        requires std::copy_constructible<T>
    {
        try {
            free_.reserve(other.free_.capacity());
            free_ = other.free_;
            while (capacity_ < other.count_) add_chunk();
            for (std::uint32_t i = 0; i < other.count_; ++i) {
                ::new (static_cast<void*>(&at(i))) slot;
                at(i).header = other.at(i).header;
                if (other.occupied(i)) ::new (static_cast<void*>(at(i).bytes)) T(*other.value(i));
                count_ = i + 1;  // only counted slots are destroyed if a later copy throws
            }
        } catch (...) {
            destroy_and_free();
            throw;
        }
    }

    slot_storage& operator=(slot_storage other) noexcept {
        swap(other);
        return *this;
    }

    ~slot_storage() { destroy_and_free(); }

    void swap(slot_storage& other) noexcept {
        std::swap(chunks_, other.chunks_);
        std::swap(chunk_count_, other.chunk_count_);
        std::swap(count_, other.count_);
        std::swap(capacity_, other.capacity_);
        free_.swap(other.free_);
    }

    slot& at(std::uint32_t i) noexcept {
        const std::uint32_t q = (i >> first_log2) + 1;
        const unsigned k = static_cast<unsigned>(std::bit_width(q)) - 1;
        return chunks_[k][i - ((std::uint32_t{1} << k) - 1) * first_chunk];
    }
    const slot& at(std::uint32_t i) const noexcept { return const_cast<slot_storage&>(*this).at(i); }

    Header& header(std::uint32_t i) noexcept { return at(i).header; }
    const Header& header(std::uint32_t i) const noexcept { return at(i).header; }
    T* value(std::uint32_t i) noexcept { return std::launder(reinterpret_cast<T*>(at(i).bytes)); }
    const T* value(std::uint32_t i) const noexcept {
        return std::launder(reinterpret_cast<const T*>(at(i).bytes));
    }

    std::uint32_t count() const noexcept { return count_; }
    std::size_t capacity() const noexcept { return capacity_; }
    bool occupied(std::uint32_t i) const noexcept { return (header(i).generation & 1u) != 0; }

    // A handle (i, generation) is live exactly when this holds.
    bool live(std::uint32_t i, std::uint32_t generation) const noexcept {
        return i < count_ && header(i).generation == generation;
    }

    bool has_free() const noexcept { return !free_.empty(); }
    std::uint32_t free_slot() const noexcept { return free_.back(); }

    // Creates one more free slot. May throw std::bad_alloc or std::length_error; nothing else
    // changes then. The free stack keeps room for every slot, so release never allocates.
    void add_slot() {
        if (count_ == max_slots) throw std::length_error("orchard: a queue holds at most 2^31 elements");
        if (free_.capacity() <= count_) free_.reserve(std::max<std::size_t>(2 * std::size_t{count_}, 16));
        if (count_ == capacity_) add_chunk();
        ::new (static_cast<void*>(&at(count_))) slot;
        at(count_).header = Header{};
        free_.push_back(count_++);
    }

    // Takes the free slot free_slot() (whose element the caller has just constructed).
    std::uint32_t acquire() noexcept {
        const std::uint32_t i = free_.back();
        free_.pop_back();
        ++header(i).generation;
        if (free_.size() > free_lookahead) prefetch(free_[free_.size() - free_lookahead]);  // a later push's slot
        return i;
    }

    // Gives back slot i (its element already destroyed). A slot whose generation would wrap around
    // is retired instead (generation 0, never reused): one slot per 2^31 reuses, so an old handle
    // can never match a new element.
    void release(std::uint32_t i) noexcept {
        Header& h = header(i);
        if (h.generation == 0xFFFF'FFFFu) {
            h.generation = 0;
            return;
        }
        ++h.generation;
        free_.push_back(i);  // within capacity: see add_slot
    }

    void reserve(std::size_t n) {
        n = std::min<std::size_t>(n, max_slots);
        if (free_.capacity() < n) free_.reserve(n);
        while (capacity_ < n) add_chunk();
    }

    // Starts loading slot i (header and element), which may straddle two cache lines.
    void prefetch(std::uint32_t i) const noexcept {
        const auto* p = reinterpret_cast<const char*>(&at(i));
        __builtin_prefetch(p);
        if constexpr (sizeof(slot) > 1) __builtin_prefetch(p + sizeof(slot) - 1);
    }

    // For tests only: lets a test reach the generation wrap-around without 2^31 pushes.
    void set_generation(std::uint32_t i, std::uint32_t generation) noexcept { header(i).generation = generation; }

private:
    static constexpr std::uint32_t first_log2 = 4;
    static constexpr std::uint32_t first_chunk = std::uint32_t{1} << first_log2;
    static constexpr std::size_t max_chunks = 28;  // first_chunk * (2^28 - 1) >= max_slots
    static constexpr std::size_t free_lookahead = 4;

    void add_chunk() {
        const std::size_t n = std::size_t{first_chunk} << chunk_count_;
        chunks_[chunk_count_] = std::allocator<slot>{}.allocate(n);
        ++chunk_count_;
        capacity_ += n;
    }

    void destroy_and_free() noexcept {
        for (std::uint32_t i = 0; i < count_; ++i)
            if (occupied(i)) value(i)->~T();
        for (std::size_t k = 0; k < chunk_count_; ++k)
            std::allocator<slot>{}.deallocate(chunks_[k], std::size_t{first_chunk} << k);
        chunks_ = {};
        chunk_count_ = 0;
        count_ = 0;
        capacity_ = 0;
        free_.clear();
    }

    std::array<slot*, max_chunks> chunks_{};
    std::size_t chunk_count_ = 0;
    std::uint32_t count_ = 0;     // slots created so far (live, free or retired)
    std::size_t capacity_ = 0;    // slots the chunks can hold
    std::vector<std::uint32_t> free_;  // free slots, the most recently freed last
};

}  // namespace orchard::detail
