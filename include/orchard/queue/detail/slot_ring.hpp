// One bucket_queue level: a FIFO of cells, each naming an element's slot and, when the queue keeps
// its elements in the levels, holding the element itself. Cells come in blocks from a pool shared
// by all levels of a queue.
#pragma once

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <type_traits>
#include <utility>
#include <vector>

namespace orchard::detail {

template <class V>
struct ring_cell {
    std::uint32_t slot;
    alignas(V) std::byte bytes[sizeof(V)];
};
template <>
struct ring_cell<void> {
    std::uint32_t slot;
};

// How many cells of V make a block of about `bytes` (a power of two, at least 8).
template <class V>
constexpr std::size_t cells_per_block(std::size_t bytes) noexcept {
    return std::bit_floor(std::max<std::size_t>(8, bytes / sizeof(ring_cell<V>)));
}

// A level takes a block when its tail reaches a new one and gives it back when its head leaves it,
// so a level grows without moving its elements, the cells in use follow the queue's size rather
// than the sum of every level's peak, and a level that empties and refills again and again reuses
// the block most recently given back, which is still in cache.
template <class V, std::size_t BlockCells>
class cell_pool {
public:
    static constexpr std::size_t block_cells = BlockCells;
    static_assert(std::has_single_bit(block_cells));
    struct block {
        ring_cell<V> cells[block_cells];
    };

    cell_pool() noexcept = default;
    cell_pool(cell_pool&&) noexcept = default;
    cell_pool& operator=(cell_pool&&) noexcept = default;

    void swap(cell_pool& other) noexcept {
        owned_.swap(other.owned_);
        free_.swap(other.free_);
    }

    // A block whose cells hold nothing. May throw bad_alloc; nothing changes then.
    block* acquire() {
        if (free_.empty()) {
            owned_.reserve(owned_.size() + 1);
            free_.reserve(owned_.size() + 1);                     // so that release never allocates
            owned_.push_back(std::unique_ptr<block>(new block));  // cells left uninitialised
            return owned_.back().get();
        }
        block* b = free_.back();
        free_.pop_back();
        return b;
    }
    // Takes back a block whose cells hold nothing.
    void release(block* b) noexcept { free_.push_back(b); }  // capacity: every block owned

private:
    std::vector<std::unique_ptr<block>> owned_;
    std::vector<block*> free_;  // the most recently released last
};

// Cells are addressed by 64-bit positions: tail grows with every push_back, head with every
// pop_front, and head steps back for an insertion at the front. Arithmetic on positions is modulo
// 2^64 — differences, never order comparisons — so they may wrap around harmlessly. Position p
// lives in cell p % block_cells of the block mapped for block number p / block_cells; the blocks
// mapped are those of [lo_, hi_), a range of whole blocks around [head, tail). A slot records its
// position, which stays valid as the level grows.
//
// The ring does not know which cells are live: the queue decides from the slot a cell names (see
// bucket_queue::live_cell) and passes that test to the walks below. A dead cell (a tombstone) holds
// no element. With V = void a cell is only a slot index; otherwise a live cell also holds a V,
// which the ring moves when cells move (open_at, compact). The queue destroys the elements: the
// ring cannot tell which cells hold one. V's move constructor must not throw: a move that failed
// halfway through a sweep could not be undone. Operations that take or give back blocks are
// passed the queue's pool.
template <class V, std::size_t BlockCells>
class slot_ring {
    static constexpr bool holds_values = !std::is_void_v<V>;
    static_assert(!holds_values || std::is_nothrow_move_constructible_v<V>);
    using cell = ring_cell<V>;

public:
    using pool = cell_pool<V, BlockCells>;
    using block = typename pool::block;
    static constexpr std::uint64_t block_cells = pool::block_cells;

    slot_ring() noexcept = default;
    slot_ring(const slot_ring&) = delete;
    slot_ring& operator=(const slot_ring&) = delete;
    ~slot_ring() { delete[] map_; }  // the queue has destroyed the elements; the pool owns the blocks

    // Makes this (empty, blockless) ring a copy of `other`, with the same positions, taking blocks
    // from p; live(q) tells whether other's cell at q holds an element. If copying an element
    // throws, the copies made are destroyed and this ring is left empty and blockless.
    template <class Live>
    void copy_from(const slot_ring& other, pool& p, Live live) {
        if (other.map_ == nullptr) return;
        try {
            grow_map(other.map_mask_ + 1);
            head_ = tail_ = lo_ = hi_ = other.lo_;
            while (hi_ != other.hi_) map_back(p);
            head_ = tail_ = other.head_;
            for (; tail_ != other.tail_; ++tail_) {
                at(tail_).slot = other.at(tail_).slot;
                if constexpr (holds_values)
                    if (live(tail_)) ::new (static_cast<void*>(at(tail_).bytes)) V(*other.value(tail_));
            }
        } catch (...) {
            if constexpr (holds_values)
                for (std::uint64_t q = head_; q != tail_; ++q)
                    if (live(q)) value(q)->~V();
            clear(p);
            throw;
        }
    }

    std::uint32_t& slot(std::uint64_t p) noexcept { return at(p).slot; }
    std::uint32_t slot(std::uint64_t p) const noexcept { return at(p).slot; }

    // The element of the live cell at p (only when the ring holds elements).
    V* value(std::uint64_t p) noexcept
        requires holds_values
    {
        return std::launder(reinterpret_cast<V*>(at(p).bytes));
    }
    const V* value(std::uint64_t p) const noexcept
        requires holds_values
    {
        return std::launder(reinterpret_cast<const V*>(at(p).bytes));
    }
    // Where an element for the cell at p is constructed: the tail before push_back, or the cell
    // open_at returned.
    std::byte* storage(std::uint64_t p) noexcept
        requires holds_values
    {
        return at(p).bytes;
    }

    std::uint64_t head() const noexcept { return head_; }
    std::uint64_t tail() const noexcept { return tail_; }
    std::uint64_t cells() const noexcept { return tail_ - head_; }  // live and dead
    bool empty() const noexcept { return head_ == tail_; }

    // Whether push_back has a cell.
    bool has_room() const noexcept { return tail_ != hi_; }
    // Room for push_back. May throw bad_alloc; nothing changes then.
    void reserve_back(pool& p) {
        if (tail_ == hi_) map_back(p);
    }
    // Room for one more cell at either end (open_at). May throw bad_alloc; the ring's contents do
    // not change then.
    void reserve_one(pool& p) {
        reserve_back(p);
        if (head_ == lo_) map_front(p);
    }

    // The cell at the tail (its element, if any, already constructed in storage(tail())) becomes
    // part of the ring, naming slot s. Returns its position.
    std::uint64_t push_back(std::uint32_t s) noexcept {
        at(tail_).slot = s;
        return tail_++;
    }
    // Drops the front cell, whose element the caller has already destroyed (or that is dead).
    void pop_front(pool& p) noexcept {
        ++head_;
        release_passed(p);
    }

    // Drops dead cells from the front, so that the front is live or the ring empty. Returns how
    // many it dropped.
    template <class Live>
    std::uint64_t drop_dead_front(pool& p, Live live) noexcept {
        const std::uint64_t from = head_;
        while (head_ != tail_ && !live(head_)) ++head_;
        release_passed(p);
        return head_ - from;
    }

    // An empty ring keeps one block and starts again at its first cell, so that a level taking
    // urgent work (pushed, then popped at once) keeps using the same few cells.
    void rewind(pool& p) noexcept {
        while (hi_ - lo_ > block_cells) release_back(p);
        head_ = tail_ = lo_;
    }

    // Makes room at position q (head <= q <= tail) by moving the shorter side one cell outwards
    // and returns the position to fill (q, or q - 1 when the front side moved): a cell with no
    // element, to be given one (storage) and a slot. live(c) is asked of each cell just before it
    // moves, and moved(slot, to) called for every live one. reserve_one must have made room.
    template <class Live, class Moved>
    std::uint64_t open_at(std::uint64_t q, Live live, Moved moved) noexcept {
        if (q - head_ <= tail_ - q) {
            for (std::uint64_t c = head_; c != q; ++c) shift(c - 1, c, live(c), moved);
            --head_;
            return q - 1;
        }
        for (std::uint64_t c = tail_; c != q; --c) shift(c, c - 1, live(c - 1), moved);
        ++tail_;
        return q;
    }

    // Drops every dead cell, moving live ones towards the head, and gives back the blocks left
    // empty; moved(slot, to) is called for each live cell that moves. Returns how many cells it
    // dropped.
    template <class Live, class Moved>
    std::uint64_t compact(pool& p, Live live, Moved moved) noexcept {
        std::uint64_t w = head_;
        for (std::uint64_t c = head_; c != tail_; ++c) {
            if (!live(c)) continue;
            if (c != w) shift(w, c, true, moved);
            ++w;
        }
        const std::uint64_t dropped = tail_ - w;
        tail_ = w;
        while (hi_ - tail_ >= block_cells) release_back(p);
        release_passed(p);
        return dropped;
    }

    // Forgets every cell (their elements destroyed already) and gives back every block.
    void clear(pool& p) noexcept {
        while (hi_ != lo_) release_back(p);
        head_ = tail_ = lo_ = hi_ = 0;
    }

    // For tests: an empty ring numbers its next cell q, to reach position wrap-around quickly.
    void restart_at(pool& p, std::uint64_t q) {
        clear(p);
        lo_ = hi_ = q - q % block_cells;
        map_back(p);
        head_ = tail_ = q;
    }

private:
    cell& at(std::uint64_t p) noexcept { return map_[(p / block_cells) & map_mask_]->cells[p % block_cells]; }
    const cell& at(std::uint64_t p) const noexcept {
        return map_[(p / block_cells) & map_mask_]->cells[p % block_cells];
    }

    std::uint64_t mapped_blocks() const noexcept { return (hi_ - lo_) / block_cells; }

    // Makes the map hold at least n blocks (a power of two). May throw; nothing changes then.
    void grow_map(std::uint64_t n) {
        if (map_ != nullptr && n <= map_mask_ + 1) return;
        const std::uint64_t size = std::bit_ceil(std::max<std::uint64_t>(n, 4));
        auto* fresh = new block*[size];
        for (std::uint64_t b = lo_; b != hi_; b += block_cells)
            fresh[(b / block_cells) & (size - 1)] = map_[(b / block_cells) & map_mask_];
        delete[] map_;
        map_ = fresh;
        map_mask_ = size - 1;
    }
    void map_back(pool& p) {
        grow_map(mapped_blocks() + 1);
        block* b = p.acquire();
        map_[(hi_ / block_cells) & map_mask_] = b;
        hi_ += block_cells;
    }
    void map_front(pool& p) {
        grow_map(mapped_blocks() + 1);
        block* b = p.acquire();
        lo_ -= block_cells;
        map_[(lo_ / block_cells) & map_mask_] = b;
    }
    void release_back(pool& p) noexcept {
        hi_ -= block_cells;
        p.release(map_[(hi_ / block_cells) & map_mask_]);
    }
    // Gives back the blocks wholly before the head.
    void release_passed(pool& p) noexcept {
        while (head_ - lo_ >= block_cells) {
            p.release(map_[(lo_ / block_cells) & map_mask_]);
            lo_ += block_cells;
        }
    }

    // Moves the cell at `from` (its element, if it is live) into the empty cell at `to`.
    template <class Moved>
    void shift(std::uint64_t to, std::uint64_t from, bool is_live, Moved& moved) noexcept {
        cell& source = at(from);
        cell& target = at(to);
        target.slot = source.slot;
        if (!is_live) return;
        if constexpr (holds_values) {
            V* v = value(from);
            ::new (static_cast<void*>(target.bytes)) V(std::move(*v));
            v->~V();
        }
        moved(target.slot, to);
    }

    block** map_ = nullptr;  // block number b's block at map_[b & map_mask_]
    std::uint64_t map_mask_ = 0;
    std::uint64_t head_ = 0;  // cells [head_, tail_)
    std::uint64_t tail_ = 0;
    std::uint64_t lo_ = 0;  // blocks mapped: those of positions [lo_, hi_), whole blocks
    std::uint64_t hi_ = 0;
};

}  // namespace orchard::detail
