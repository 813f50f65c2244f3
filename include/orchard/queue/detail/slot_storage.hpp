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
#include <type_traits>
#include <utility>
#include <vector>

namespace orchard::detail {

template <class T, class Header>
struct storage_slot {
    Header header;
    alignas(T) std::byte bytes[sizeof(T)];
};
// T = void: slots with only a header, for a queue that keeps its elements elsewhere.
template <class Header>
struct storage_slot<void, Header> {
    Header header;
};

// Chunk k holds first_chunk << k slots, so the chunk table stays tiny and growth never relocates a
// payload: a throwing or absent move constructor costs nothing, and top() references stay valid
// across pushes. Every slot has a Header with at least `std::uint32_t generation`, odd while the
// slot holds an element. Free slots wait on a stack (an array, not a list threaded through the
// slots: after a million pops, a million pushes would otherwise chase a million cold pointers).
template <class T, class Header>
class slot_storage {
    static constexpr bool has_payload = !std::is_void_v<T>;

public:
    using slot = storage_slot<T, Header>;

    // Slot indexes are 32-bit and the all-ones index means "none": 2^31 elements is the limit.
    static constexpr std::uint32_t max_slots = 0x8000'0000u;

    slot_storage() noexcept = default;

    slot_storage(slot_storage&& other) noexcept
        : chunks_(std::exchange(other.chunks_, {})),
          origins_(std::exchange(other.origins_, {})),
          chunk_count_(std::exchange(other.chunk_count_, 0)),
          count_(std::exchange(other.count_, 0)),
          capacity_(std::exchange(other.capacity_, 0)),
          free_(std::move(other.free_)),
          free_count_(std::exchange(other.free_count_, 0)) {}

    // Copies keep every slot index and generation, so the copy answers the original's handles.
    slot_storage(const slot_storage& other)
        requires(!has_payload || std::copy_constructible<T>)
    {
        try {
            free_ = other.free_;
            free_count_ = other.free_count_;
            while (capacity_ < other.count_) add_chunk();
            for (std::uint32_t i = 0; i < other.count_; ++i) {
                ::new (static_cast<void*>(&at(i))) slot;
                at(i).header = other.at(i).header;
                if constexpr (has_payload)
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
        std::swap(origins_, other.origins_);
        std::swap(chunk_count_, other.chunk_count_);
        std::swap(count_, other.count_);
        std::swap(capacity_, other.capacity_);
        free_.swap(other.free_);
        std::swap(free_count_, other.free_count_);
    }

    // Slot i is in chunk k = log2(i + first_chunk) - first_log2, which starts at slot index
    // first_chunk * (2^k - 1). origins_[log2(i + first_chunk)] is where slot 0 would be if that
    // chunk extended down to it, so finding a slot is a bit scan, one load and one multiply-add.
    // Erase does little else, and the fewer instructions it takes, the more erases fit in the
    // processor's window at once, each waiting for its own cache miss.
    slot& at(std::uint32_t i) noexcept {
        const int log2 = std::bit_width(std::uint64_t{i} + first_chunk) - 1;
        return *reinterpret_cast<slot*>(origins_[static_cast<unsigned>(log2)] + std::uintptr_t{i} * sizeof(slot));
    }
    const slot& at(std::uint32_t i) const noexcept { return const_cast<slot_storage&>(*this).at(i); }

    Header& header(std::uint32_t i) noexcept { return at(i).header; }
    const Header& header(std::uint32_t i) const noexcept { return at(i).header; }
    T* value(std::uint32_t i) noexcept
        requires has_payload
    {
        return std::launder(reinterpret_cast<T*>(at(i).bytes));
    }
    const T* value(std::uint32_t i) const noexcept
        requires has_payload
    {
        return std::launder(reinterpret_cast<const T*>(at(i).bytes));
    }

    std::uint32_t count() const noexcept { return count_; }
    std::size_t capacity() const noexcept { return capacity_; }
    bool occupied(std::uint32_t i) const noexcept { return (header(i).generation & 1u) != 0; }

    // A handle (i, generation) is live exactly when this holds.
    bool live(std::uint32_t i, std::uint32_t generation) const noexcept {
        return i < count_ && header(i).generation == generation;
    }

    bool has_free() const noexcept { return free_count_ != 0; }
    std::uint32_t free_slot() const noexcept { return free_[free_count_ - 1]; }

    // Creates one more free slot. May throw std::bad_alloc or std::length_error; nothing else
    // changes then. The free stack keeps room for every slot, so release never allocates.
    void add_slot() {
        if (count_ == max_slots) throw std::length_error("orchard: a queue holds at most 2^31 elements");
        if (free_.size() <= count_) free_.resize(std::max<std::size_t>(2 * std::size_t{count_}, 16));
        if (count_ == capacity_) add_chunk();
        ::new (static_cast<void*>(&at(count_))) slot;
        at(count_).header = Header{};
        free_[free_count_++] = count_++;
    }

    // Takes the free slot free_slot() (whose element the caller has just constructed).
    std::uint32_t acquire() noexcept {
        const std::uint32_t i = free_[--free_count_];
        ++header(i).generation;
        if (free_count_ > free_lookahead) prefetch(free_[free_count_ - free_lookahead]);  // a later push's slot
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
        free_[free_count_++] = i;  // there is room for every slot: see add_slot
    }

    void reserve(std::size_t n) {
        n = std::min<std::size_t>(n, max_slots);
        if (free_.size() < n) free_.resize(n);
        while (capacity_ < n) add_chunk();
    }

    // Starts loading slot i (header and element): every cache line it touches. Addresses 64 bytes
    // apart, then its last byte, name them all (a slot of 88 bytes can span three lines, of which
    // its first and last byte name only two). Write: the caller is about to change the slot.
    template <bool Write = false>
    void prefetch(std::uint32_t i) const noexcept {
        const auto* p = reinterpret_cast<const char*>(&at(i));
        for (std::size_t offset = 0; offset < sizeof(slot); offset += cache_line)
            __builtin_prefetch(p + offset, Write ? 1 : 0);
        __builtin_prefetch(p + sizeof(slot) - 1, Write ? 1 : 0);
    }

    // For tests only: lets a test reach the generation wrap-around without 2^31 pushes.
    void set_generation(std::uint32_t i, std::uint32_t generation) noexcept { header(i).generation = generation; }

private:
    static constexpr std::uint32_t first_log2 = 4;
    static constexpr std::uint32_t first_chunk = std::uint32_t{1} << first_log2;
    static constexpr std::size_t max_chunks = 28;  // first_chunk * (2^28 - 1) >= max_slots
    static constexpr std::size_t free_lookahead = 4;
    static constexpr std::size_t cache_line = 64;
    // Chunks start on a cache line, so that a slot whose size divides 64 (32 bytes: a 16-byte header
    // and a 16-byte element) never straddles two lines.
    static constexpr std::align_val_t chunk_alignment{std::max(cache_line, alignof(slot))};

    void add_chunk() {
        const std::size_t n = std::size_t{first_chunk} << chunk_count_;
        chunks_[chunk_count_] = static_cast<slot*>(::operator new(n * sizeof(slot), chunk_alignment));
        // Unsigned arithmetic: the origin may lie outside the chunk (it is never dereferenced).
        origins_[chunk_count_ + first_log2] =
            reinterpret_cast<std::uintptr_t>(chunks_[chunk_count_]) - capacity_ * sizeof(slot);
        ++chunk_count_;
        capacity_ += n;
    }

    void destroy_and_free() noexcept {
        if constexpr (has_payload)
            for (std::uint32_t i = 0; i < count_; ++i)
                if (occupied(i)) value(i)->~T();
        for (std::size_t k = 0; k < chunk_count_; ++k) ::operator delete(chunks_[k], chunk_alignment);
        chunks_ = {};
        origins_ = {};
        chunk_count_ = 0;
        count_ = 0;
        capacity_ = 0;
        free_.clear();
        free_count_ = 0;
    }

    std::array<slot*, max_chunks> chunks_{};
    std::array<std::uintptr_t, 33> origins_{};  // by log2(i + first_chunk) <= 32: see at()
    std::size_t chunk_count_ = 0;
    std::uint32_t count_ = 0;   // slots created so far (live, free or retired)
    std::size_t capacity_ = 0;  // slots the chunks can hold
    // The free slots, the most recently freed last: free_[0, free_count_). free_ has room for
    // every slot, so release stores without checking (a push_back's check costs erase time).
    std::vector<std::uint32_t> free_;
    std::size_t free_count_ = 0;
};

}  // namespace orchard::detail
