// Test-only access to a queue's counters, to reach sequence, generation and position wrap-around quickly.
#pragma once

#include <cstddef>
#include <cstdint>

namespace orchard::detail {

// Both queues befriend this; nothing outside tests/ should use it.
struct queue_access {
    template <class Queue>
    static std::uint64_t max_sequence(const Queue&) noexcept {
        return Queue::max_sequence;
    }
    template <class Queue>
    static std::uint64_t next_sequence(const Queue& q) noexcept {
        return q.next_sequence_;
    }
    template <class Queue>
    static void set_next_sequence(Queue& q, std::uint64_t s) noexcept {
        q.next_sequence_ = s;
    }
    template <class Queue>
    static auto& slots(Queue& q) noexcept {
        return q.slots_;
    }
    // priority_queue: heap entries, live and stale.
    template <class Queue>
    static std::size_t heap_entries(const Queue& q) noexcept {
        return q.entries_;
    }
    // bucket_queue: cells (live and tombstones) of one level.
    template <class Queue>
    static std::uint64_t level_cells(const Queue& q, std::size_t level) noexcept {
        return q.rings_ != nullptr ? q.rings_[level].cells() : 0;
    }
    // bucket_queue: an empty, already allocated level numbers its next cell p.
    template <class Queue>
    static void restart_level_at(Queue& q, std::size_t level, std::uint64_t p) noexcept {
        q.rings_[level].restart_at(q.pool_, p);
    }
    template <class Handle>
    static std::uint32_t slot_of(const Handle& h) noexcept {
        return h.slot_;
    }
};

}  // namespace orchard::detail
