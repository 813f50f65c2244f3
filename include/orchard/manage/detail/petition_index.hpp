// The manager's id -> petition index: open addressing over 8-byte words that point at the petition
// itself, so the id is never copied and lookups allocate nothing.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>

namespace orchard::detail {

// Each word packs a 16-bit tag of the id's hash (bits 48..63), so most probes never touch the
// petition, and a user pointer with 3 low bits free for the user's own tag (x86-64 and AArch64
// user-space addresses fit in 48 bits; the pointee must be 8-byte aligned). Linear probing; an
// erased word becomes a tombstone rather than shifting its neighbours back, because shifting must
// rehash them, which means reading the petitions they point at: cache misses under the manager's
// lock. Live words and tombstones together fill at most 70% of the table (the 16-bit tags keep long
// probe runs cheap: they are read in order and rarely lead to the petition); growing drops tombstones.
template <class IdOf>  // IdOf{}(word) -> the id of the petition the word points at
class petition_index {
public:
    static constexpr std::uint64_t pointer_mask = (std::uint64_t(1) << 48) - 1;

    // A fast string hash (8 bytes per step, multiply-xorshift mixing): ids are short and hashed
    // twice per petition, so std::hash's byte-wise murmur would show in the manager's throughput.
    static std::uint64_t hash(std::string_view id) noexcept {
        constexpr std::uint64_t k = 0x9E3779B97F4A7C15ull;
        std::uint64_t h = id.size() * k;
        std::size_t i = 0;
        for (; i + 8 <= id.size(); i += 8) {
            std::uint64_t chunk;
            std::memcpy(&chunk, id.data() + i, 8);
            h = (h ^ chunk) * k;
            h ^= h >> 29;
        }
        if (i < id.size()) {
            std::uint64_t tail = 0;
            std::memcpy(&tail, id.data() + i, id.size() - i);
            h = (h ^ tail) * k;
        }
        h ^= h >> 32;
        h *= 0xD6E8FEB86659FD93ull;
        return h ^ (h >> 32);
    }

    std::size_t size() const noexcept { return size_; }

    // The word stored for `id`, or nullptr.
    std::uint64_t* find(std::string_view id, std::uint64_t h) noexcept {
        if (capacity_ == 0) return nullptr;
        const std::uint64_t tag = h >> 48;
        for (std::size_t i = home(h); words_[i] != 0; i = next(i))
            if (words_[i] != tombstone && (words_[i] >> 48) == tag && IdOf{}(words_[i] & pointer_mask) == id)
                return &words_[i];
        return nullptr;
    }
    const std::uint64_t* find(std::string_view id, std::uint64_t h) const noexcept {
        return const_cast<petition_index*>(this)->find(id, h);
    }

    // Adds `value` (a tagged pointer, neither 0 nor 1) for an id known to be absent.
    void insert(std::uint64_t h, std::uint64_t value) {
        if ((size_ + tombstones_ + 1) * 10 > capacity_ * 7) grow();
        if (place(h, value)) --tombstones_;
        ++size_;
    }

    static std::uint64_t value_of(std::uint64_t word) noexcept { return word & pointer_mask; }
    static void set_value(std::uint64_t& word, std::uint64_t value) noexcept {
        word = (word & ~pointer_mask) | value;
    }

    void erase(std::uint64_t* word) noexcept {
        *word = tombstone;
        ++tombstones_;
        --size_;
    }

    // Room for n ids at the table's highest load.
    void reserve(std::size_t n) {
        if (n * 10 > capacity_ * 7) grow(n * 10 / 7 + 1);
    }

    // Memory held, for reports.
    std::size_t bytes() const noexcept { return capacity_ * sizeof(std::uint64_t); }

private:
    static constexpr std::uint64_t tombstone = 1;  // no pointer is 1: pointees are 8-byte aligned

    // Any capacity works (no power of two, which wastes up to half the table at its worst): the
    // home slot is the high half of hash * capacity.
    std::size_t home(std::uint64_t h) const noexcept {
        __extension__ using u128 = unsigned __int128;
        return std::size_t((u128(h) * capacity_) >> 64);
    }
    std::size_t next(std::size_t i) const noexcept { return i + 1 == capacity_ ? 0 : i + 1; }

    // Stores at the first empty or tombstone word of the probe sequence; true if it was a tombstone.
    bool place(std::uint64_t h, std::uint64_t value) noexcept {
        std::size_t i = home(h);
        while (words_[i] != 0 && words_[i] != tombstone) i = next(i);
        const bool reused = words_[i] == tombstone;
        words_[i] = ((h >> 48) << 48) | value;
        return reused;
    }

    // Grows by half when live words fill more than 35%, else rebuilds at the same size without
    // tombstones.
    void grow(std::size_t at_least = 0) {
        const std::size_t old_capacity = capacity_;
        auto old = std::move(words_);
        capacity_ = old_capacity == 0 ? 16 : (size_ + 1) * 20 > old_capacity * 7 ? old_capacity + old_capacity / 2 : old_capacity;
        capacity_ = std::max(capacity_, at_least);
        words_ = std::make_unique<std::uint64_t[]>(capacity_);  // zeroed: all empty
        tombstones_ = 0;
        for (std::size_t i = 0; i < old_capacity; ++i)
            if (old[i] != 0 && old[i] != tombstone) place(hash(IdOf{}(old[i] & pointer_mask)), old[i] & pointer_mask);
    }

    std::unique_ptr<std::uint64_t[]> words_;
    std::size_t capacity_ = 0;
    std::size_t size_ = 0;
    std::size_t tombstones_ = 0;
};

}  // namespace orchard::detail
