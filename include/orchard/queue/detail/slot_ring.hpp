// One bucket_queue level: a growable circular FIFO of slot indexes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>

namespace orchard::detail {

// Cells are addressed by 64-bit positions: tail grows with every push_back, head with every
// pop_front, and head steps back for an insertion at the front. Arithmetic on positions is modulo
// 2^64 — differences, never order comparisons — so they may wrap around harmlessly; position p
// lives in cell p & mask. A slot records its position, which stays valid when the ring grows.
//
// The ring does not know which cells are live: the queue marks dead cells (tombstones), counts
// them, and passes a liveness test to the walks below, which return how many cells they drop.
class slot_ring {
public:
    slot_ring() noexcept = default;
    slot_ring(const slot_ring& other)
        : head_(other.head_), tail_(other.tail_), mask_(other.mask_) {
        if (other.cells_ == nullptr) return;
        cells_ = new std::uint32_t[mask_ + 1];
        for (std::uint64_t p = head_; p != tail_; ++p) at(p) = other.at(p);
    }
    slot_ring(slot_ring&& other) noexcept
        : cells_(std::exchange(other.cells_, nullptr)),
          head_(std::exchange(other.head_, 0)),
          tail_(std::exchange(other.tail_, 0)),
          mask_(std::exchange(other.mask_, 0)) {}
    slot_ring& operator=(slot_ring other) noexcept {
        std::swap(cells_, other.cells_);
        std::swap(head_, other.head_);
        std::swap(tail_, other.tail_);
        std::swap(mask_, other.mask_);
        return *this;
    }
    ~slot_ring() { delete[] cells_; }

    std::uint32_t& at(std::uint64_t p) noexcept { return cells_[p & mask_]; }
    std::uint32_t at(std::uint64_t p) const noexcept { return cells_[p & mask_]; }

    std::uint64_t head() const noexcept { return head_; }
    std::uint64_t tail() const noexcept { return tail_; }
    std::uint64_t cells() const noexcept { return tail_ - head_; }  // live and dead
    bool empty() const noexcept { return head_ == tail_; }

    bool has_room() const noexcept { return cells_ != nullptr && tail_ - head_ <= mask_; }

    // Room for one more cell at either end. May throw bad_alloc; nothing changes then.
    void reserve_one() {
        if (has_room()) return;
        const std::uint64_t capacity = cells_ == nullptr ? 16 : (mask_ + 1) * 2;
        auto* fresh = new std::uint32_t[capacity];
        const std::uint64_t fresh_mask = capacity - 1;
        for (std::uint64_t p = head_; p != tail_; ++p) fresh[p & fresh_mask] = at(p);
        delete[] cells_;
        cells_ = fresh;
        mask_ = fresh_mask;
    }

    std::uint64_t push_back(std::uint32_t s) noexcept {
        at(tail_) = s;
        return tail_++;
    }
    void pop_front() noexcept { ++head_; }

    // Drops dead cells from the front, so that the front is live or the ring empty.
    template <class Live>
    std::uint64_t drop_dead_front(Live live) noexcept {
        const std::uint64_t from = head_;
        while (head_ != tail_ && !live(head_)) ++head_;
        return head_ - from;
    }

    // Makes room at position p (head <= p <= tail) by moving the shorter side one cell outwards
    // and returns the position to fill (p, or p - 1 when the front side moved). moved(slot, from,
    // to) is called for every cell moved; it decides whether the cell was live.
    template <class Moved>
    std::uint64_t open_at(std::uint64_t p, Moved moved) noexcept {
        if (p - head_ <= tail_ - p) {
            for (std::uint64_t q = head_; q != p; ++q) {
                at(q - 1) = at(q);
                moved(at(q - 1), q, q - 1);
            }
            --head_;
            return p - 1;
        }
        for (std::uint64_t q = tail_; q != p; --q) {
            at(q) = at(q - 1);
            moved(at(q), q - 1, q);
        }
        ++tail_;
        return p;
    }

    // Drops every dead cell, moving live ones towards the head; moved(slot, from, to) is called
    // for each live cell that moves.
    template <class Live, class Moved>
    std::uint64_t compact(Live live, Moved moved) noexcept {
        std::uint64_t w = head_;
        for (std::uint64_t p = head_; p != tail_; ++p) {
            if (!live(p)) continue;
            if (p != w) {
                at(w) = at(p);
                moved(at(w), p, w);
            }
            ++w;
        }
        const std::uint64_t dropped = tail_ - w;
        tail_ = w;
        return dropped;
    }

    void clear() noexcept { head_ = tail_; }

    // For tests: an empty ring numbers its next cell p, to reach position wrap-around quickly.
    void restart_at(std::uint64_t p) noexcept { head_ = tail_ = p; }

private:
    std::uint32_t* cells_ = nullptr;
    std::uint64_t head_ = 0;
    std::uint64_t tail_ = 0;
    std::uint64_t mask_ = 0;
};

}  // namespace orchard::detail
