// The manager's id -> node index: open addressing over 8-byte words that point at the node holding
// the petition, so the id is never copied and lookups allocate nothing.
#pragma once

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>

namespace orchard::detail {

// A fast string hash (8 bytes per step, multiply-xorshift mixing): ids are short and hashed once per
// submit and once per cancel, so std::hash's byte-wise murmur would show in the manager's throughput.
inline std::uint64_t id_hash(std::string_view id) noexcept {
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

// Node pointers to nodes that never move while indexed (IdOf{}(node) is the node's id). Each word
// packs a 16-bit tag of the id's hash (bits 48..63), so most probes never touch the node, and the
// pointer (x86-64 and AArch64 user-space addresses fit in 48 bits). Linear probing; an erased word
// becomes a tombstone rather than shifting its neighbours back, because shifting must rehash them,
// which means reading the nodes they point at: cache misses under the manager's lock. Live words and
// tombstones together fill at most 70% of the table; growing drops tombstones.
template <class Node, class IdOf>
class petition_index {
public:
    std::size_t size() const noexcept { return size_; }

    // The node indexed under `id` (whose hash is h), or nullptr.
    Node* find(std::string_view id, std::uint64_t h) const noexcept {
        if (capacity_ == 0) return nullptr;
        const std::uint64_t tag = h >> 48;
        for (std::size_t i = home(h); words_[i] != 0; i = next(i))
            if (words_[i] != tombstone && (words_[i] >> 48) == tag && IdOf{}(*node(words_[i])) == id)
                return node(words_[i]);
        return nullptr;
    }

    // Adds a node whose id (of hash h) is known to be absent.
    void insert(Node* n, std::uint64_t h) {
        if ((size_ + tombstones_ + 1) * 10 > capacity_ * 7) grow();
        if (place(h, n)) --tombstones_;
        ++size_;
    }

    // Removes an indexed node; h is its id's hash. Compares addresses only: no id is read.
    void erase(const Node* n, std::uint64_t h) noexcept {
        const std::uint64_t word = tagged(h, n);
        std::size_t i = home(h);
        while (words_[i] != word) i = next(i);
        words_[i] = tombstone;
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
    static constexpr std::uint64_t pointer_mask = (std::uint64_t(1) << 48) - 1;
    static constexpr std::uint64_t tombstone = 1;  // no node is at address 1

    static std::uint64_t tagged(std::uint64_t h, const Node* n) noexcept {
        return ((h >> 48) << 48) | (reinterpret_cast<std::uintptr_t>(n) & pointer_mask);
    }
    static Node* node(std::uint64_t word) noexcept { return reinterpret_cast<Node*>(word & pointer_mask); }

    // Any capacity works (no power of two, which wastes up to half the table at its worst): the
    // home slot is the high half of hash * capacity.
    std::size_t home(std::uint64_t h) const noexcept {
        __extension__ using u128 = unsigned __int128;
        return std::size_t((u128(h) * capacity_) >> 64);
    }
    std::size_t next(std::size_t i) const noexcept { return i + 1 == capacity_ ? 0 : i + 1; }

    // Stores at the first empty or tombstone word of the probe sequence; true if it was a tombstone.
    bool place(std::uint64_t h, const Node* n) noexcept {
        std::size_t i = home(h);
        while (words_[i] != 0 && words_[i] != tombstone) i = next(i);
        const bool reused = words_[i] == tombstone;
        words_[i] = tagged(h, n);
        return reused;
    }

    // Grows by half when live words fill more than 35%, else rebuilds at the same size without
    // tombstones.
    void grow(std::size_t at_least = 0) {
        const std::size_t old_capacity = capacity_;
        auto old = std::move(words_);
        capacity_ = old_capacity == 0                     ? 16
                    : (size_ + 1) * 20 > old_capacity * 7 ? old_capacity + old_capacity / 2
                                                          : old_capacity;
        capacity_ = std::max(capacity_, at_least);
        words_ = std::make_unique<std::uint64_t[]>(capacity_);  // zeroed: all empty
        tombstones_ = 0;
        for (std::size_t i = 0; i < old_capacity; ++i)
            if (old[i] != 0 && old[i] != tombstone) place(id_hash(IdOf{}(*node(old[i]))), node(old[i]));
    }

    std::unique_ptr<std::uint64_t[]> words_;
    std::size_t capacity_ = 0;
    std::size_t size_ = 0;
    std::size_t tombstones_ = 0;
};

}  // namespace orchard::detail
