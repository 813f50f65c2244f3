// orchard::bucket_queue: O(1) queue for bounded integer priorities, one FIFO per level plus a bitmap.
#pragma once

#include <orchard/queue/detail/common.hpp>
#include <orchard/queue/detail/policy_set.hpp>
#include <orchard/queue/detail/queue_access.hpp>
#include <orchard/queue/detail/slot_handles.hpp>
#include <orchard/queue/detail/slot_ring.hpp>
#include <orchard/queue/detail/slot_storage.hpp>
#include <orchard/queue/errors.hpp>
#include <orchard/queue/handle.hpp>
#include <orchard/queue/policies.hpp>

#include <algorithm>
#include <array>
#include <bit>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <iterator>
#include <memory>
#include <new>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace orchard {

namespace detail {

// An integer or enum priority as a plain signed or unsigned integer, for range checks.
template <class P>
constexpr auto as_integer(P p) noexcept {
    if constexpr (std::is_enum_v<P>) return as_integer(static_cast<std::underlying_type_t<P>>(p));
    else if constexpr (std::is_signed_v<P>) return static_cast<long long>(p);
    else return static_cast<unsigned long long>(p);
}

template <auto V, std::size_t Levels>
constexpr bool constant_priority_is_a_level() {
    constexpr auto v = as_integer(V);
    static_assert(std::cmp_greater_equal(v, 0) && std::cmp_less(v, Levels),
                  "orchard: this constant priority is outside the bucket_queue's levels 0..Levels-1 (the "
                  "priority V and the number of Levels are named in the instantiation below)");
    return true;
}

}  // namespace detail

// Elements come out lowest level first (highest with higher_first) and, within a level, in push
// order. Levels 0..Levels-1 are the only valid priorities. push, pop, top and erase are O(1)
// amortised; so is update when the element belongs at either end of its new level (see update).
//
// Each level is a FIFO of cells, in blocks from a pool the levels share, and one bit per level
// says whether it is non-empty, so the first element is one count-trailing-zeros away (two above
// 64 levels). A handle names a slot: a 16-byte header (generation, push sequence, level and
// position) that says where its element is. An element whose move constructor cannot throw lives
// in its level's cell, beside its slot's index, so a pop reads the level in order and touches only
// the popped element's small header at random (prefetched a few pops ahead). An element that might
// throw when moved lives in its slot instead, never moves, and the cell holds only the slot's
// index; pop then prefetches whole slots. A cell is live while its slot's header places the element
// there (see live_cell), so erase and update leave a tombstone without writing the cell; a
// tombstone is skipped when it reaches the front, and all are swept out when they outnumber the
// queue's elements three to one (+32). The count of tombstones is one for the
// whole queue, not one per level: an erase that incremented its level's counter would load and
// store at an address known only once the element's slot has arrived from memory, and when the
// next erase hit the same level the processor would learn to hold every erase's loads behind the
// previous one's stores — one full cache miss per erase instead of several overlapping.
template <class T, std::size_t Levels, class... Policies>
class bucket_queue : public detail::slot_handles<bucket_queue<T, Levels, Policies...>, T> {
    using base = detail::slot_handles<bucket_queue<T, Levels, Policies...>, T>;
    using config = detail::bucket_config<T, Levels, Policies...>;
    using source = typename config::source;

    // 16 bytes, so that with a 16-byte element a slot is 32 bytes and two share a cache line.
    // `place` packs the element's level and the low 40 bits of its position in that level's ring
    // (a ring never spans 2^40 positions, so those bits name its cell and tell it from the front),
    // and drain_if's mark in the top bit. One word, so that moving an element to a new place is
    // one store, not a read-modify-write of a slot that may be far away in memory.
    struct slot_header {
        std::uint32_t generation;
        std::uint32_t sequence;  // push order, for update
        std::uint64_t place;     // see place_of
    };
    // Whether elements live in the levels' cells (moved by update and sweeps) or in their slots
    // (never moved).
    static constexpr bool inline_elements = std::is_nothrow_move_constructible_v<T>;
    using storage = detail::slot_storage<std::conditional_t<inline_elements, void, T>, slot_header>;
    // Blocks of cells of 16 KiB, smaller with more levels, down to 1 KiB: an empty level keeps one.
    static constexpr std::size_t block_bytes =
        std::clamp<std::size_t>(std::bit_floor((std::size_t{1} << 20) / Levels), 1024, 16384);
    using cell_value = std::conditional_t<inline_elements, T, void>;
    using ring = detail::slot_ring<cell_value, detail::cells_per_block<cell_value>(block_bytes)>;

    static_assert(std::is_object_v<T> && !std::is_const_v<T> && !std::is_volatile_v<T> && !std::is_array_v<T>,
                  "orchard: bucket_queue<T, Levels> holds objects: T must be a non-const, non-array object type");
    static_assert(std::is_nothrow_destructible_v<T>,
                  "orchard: bucket_queue<T, Levels> needs a T whose destructor does not throw");
    static_assert(
        std::is_move_constructible_v<T>,
        "orchard: bucket_queue<T, Levels>::pop() returns the element by value, so T must be movable or copyable");

public:
    using value_type = T;
    using size_type = std::size_t;
    using difference_type = std::ptrdiff_t;
    using const_reference = const T&;
    using priority_type = typename config::priority_type;
    using handle_type = queue_handle<bucket_queue>;
    class iterator;
    using const_iterator = iterator;

    static constexpr std::size_t levels = Levels;

    bucket_queue() noexcept = default;

    bucket_queue(bucket_queue&& other) noexcept
        : slots_(std::move(other.slots_)),
          pool_(std::move(other.pool_)),
          rings_(std::move(other.rings_)),
          bits_(std::exchange(other.bits_, {})),
          summary_(std::exchange(other.summary_, 0)),
          size_(std::exchange(other.size_, 0)),
          dead_(std::exchange(other.dead_, 0)),
          next_sequence_(std::exchange(other.next_sequence_, 0)) {}

    // A copy answers the original's handles for the elements they share.
    bucket_queue(const bucket_queue& other)
        requires std::copy_constructible<T>
        : slots_(other.slots_),
          bits_(other.bits_),
          summary_(other.summary_),
          size_(other.size_),
          dead_(other.dead_),
          next_sequence_(other.next_sequence_) {
        if (other.rings_ == nullptr) return;
        rings_ = std::make_unique<ring[]>(Levels);
        std::size_t l = 0;
        try {
            for (; l < Levels; ++l)
                rings_[l].copy_from(other.rings_[l], pool_, [&](std::uint64_t p) { return other.live_cell(l, p); });
        } catch (...) {  // level l destroyed its own copies; no destructor will run for the rest
            for (std::size_t done = 0; done < l; ++done) destroy_elements(done);
            throw;
        }
    }

    bucket_queue& operator=(bucket_queue&& other) noexcept {
        bucket_queue(std::move(other)).swap(*this);
        return *this;
    }

    bucket_queue& operator=(const bucket_queue& other)
        requires std::copy_constructible<T>
    {
        if (this != &other) bucket_queue(other).swap(*this);
        return *this;
    }

    // Slot storage destroys the elements it holds; the levels' cells cannot tell which of them
    // hold one, so the queue destroys those.
    ~bucket_queue() {
        if constexpr (inline_elements && !std::is_trivially_destructible_v<T>)
            if (rings_ != nullptr)
                for (std::size_t level = 0; level < Levels; ++level) destroy_elements(level);
    }

    void swap(bucket_queue& other) noexcept {
        slots_.swap(other.slots_);
        pool_.swap(other.pool_);
        std::swap(rings_, other.rings_);
        std::swap(bits_, other.bits_);
        std::swap(summary_, other.summary_);
        std::swap(size_, other.size_);
        std::swap(dead_, other.dead_);
        std::swap(next_sequence_, other.next_sequence_);
    }
    friend void swap(bucket_queue& a, bucket_queue& b) noexcept { a.swap(b); }

    // ---- adding ---------------------------------------------------------------------------------

    // O(1) amortised. Throws priority_out_of_range for a priority that is not a level. Strong
    // guarantee: if that, constructing the element, or memory fails, the queue is unchanged. push
    // reads the level from its argument before copying it in, emplace from the element it built.
    handle_type push(const T& value) { return push_at(level_of(source::get(value)), value); }
    handle_type push(T&& value) { return push_at(level_of(source::get(value)), std::move(value)); }

    template <class... Args>
    handle_type emplace(Args&&... args) {
        prepare_push();
        const std::uint32_t s = slots_.free_slot();
        // The level is known only once the element exists: an inline element is built aside, then
        // moved into its level; the other kind is built in its slot.
        [[maybe_unused]] alignas(T) std::byte staging[inline_elements ? sizeof(T) : 1];
        T* p;
        if constexpr (inline_elements) p = construct(staging, std::forward<Args>(args)...);
        else p = construct(slots_.at(s).bytes, std::forward<Args>(args)...);
        std::uint32_t level;
        try {
            level = level_of(source::get(*p));
            rings_[level].reserve_back(pool_);
        } catch (...) {
            p->~T();
            throw;
        }
        if constexpr (inline_elements) {
            ::new (static_cast<void*>(storage_for(level, s))) T(std::move(*p));
            p->~T();
        }
        return commit(s, level);
    }

    // ---- taking ---------------------------------------------------------------------------------

    // Removes the first element and returns it, O(1). If moving it out throws, the queue is
    // unchanged.
    T pop() {
        if (size_ == 0) throw empty_queue("orchard: pop() on an empty bucket_queue");
        const std::size_t level = first_level();
        ring& r = rings_[level];
        const std::uint64_t head = r.head();
        const std::uint32_t s = r.slot(head);
        // Old elements' slots are scattered: start loading the one a few pops ahead (inline
        // elements: only its header, which release is about to write).
        if (r.cells() > prefetch_distance) slots_.template prefetch<inline_elements>(r.slot(head + prefetch_distance));
        T* p = element_at(level, head);
        T result(std::move(*p));
        p->~T();
        r.pop_front(pool_);
        slots_.release(s);
        --size_;
        settle_front(level);
        return result;
    }

    const T& top() const {
        if (size_ == 0) throw empty_queue("orchard: top() on an empty bucket_queue");
        const std::size_t level = first_level();
        return *element_at(level, rings_[level].head());
    }

    handle_type top_handle() const {
        if (size_ == 0) throw empty_queue("orchard: top_handle() on an empty bucket_queue");
        const ring& r = rings_[first_level()];
        return handle_of(r.slot(r.head()));
    }

    // ---- handles --------------------------------------------------------------------------------

    // contains, at, erase and extract come from detail::slot_handles.

    // Writes the new priority into the element and moves it to its new level, where it keeps its
    // place in push order (as in priority_queue). O(1) amortised when it belongs at either end of
    // the new level — the usual case: aging promotes old elements, which belong at the front —
    // and otherwise O(min(elements before it, elements after it)). Throws priority_out_of_range
    // for a priority that is not a level. Strong guarantee.
    void update(handle_type h, const priority_type& priority) {
        if constexpr (!source::writable) {
            static_assert(source::writable,
                          "orchard: update(handle, priority) writes the new priority into the element, but this "
                          "queue computes priorities with priority_key<F> (or the member is const); change the "
                          "element with modify(handle, f) instead");
        } else {
            const std::uint32_t s = checked(h);
            const std::uint32_t level = level_of(priority);
            if (level != level_in(slots_.header(s))) rings_[level].reserve_one(pool_);
            source::set(*element(s), priority);
            move_to(s, level);
        }
    }

    // update(h, priority_c<V>): a constant outside the levels does not compile.
    template <class I, I V>
    void update(handle_type h, std::integral_constant<I, V>) {
        static_assert(detail::constant_priority_is_a_level<V, Levels>());
        update(h, static_cast<priority_type>(V));
    }

    // Calls f(element&) and moves the element to the level of its new priority. If f throws, the
    // element stays queued at the level of whatever priority it then has. If that priority is not
    // a level (or the key function throws, or memory for the new level runs out), the element is
    // removed and the error passed on.
    template <class F>
    void modify(handle_type h, F&& f) {
        const std::uint32_t s = checked(h);
        try {
            std::invoke(std::forward<F>(f), *element(s));
        } catch (...) {
            relevel(s);
            throw;
        }
        relevel(s);
    }

    // ---- the whole queue ------------------------------------------------------------------------

    size_type size() const noexcept { return size_; }
    bool empty() const noexcept { return size_ == 0; }
    static constexpr size_type max_size() noexcept { return storage::max_slots; }

    // Destroys every element; their handles become stale. Keeps the memory for reuse.
    void clear() noexcept {
        for (std::size_t level = next_level(0); level < Levels; level = next_level(level + 1)) {
            ring& r = rings_[level];
            for (std::uint64_t p = r.head(); p != r.tail(); ++p) {
                if (!live_cell(level, p)) continue;
                element_at(level, p)->~T();
                slots_.release(r.slot(p));
            }
            r.clear(pool_);
        }
        bits_ = {};
        summary_ = 0;
        size_ = 0;
        dead_ = 0;
        next_sequence_ = 0;
    }

    // Makes room for n elements' slots. The levels' cells still come in blocks taken from the
    // queue's pool as levels grow; once the pool holds as many blocks as the levels have ever
    // needed at once, nothing allocates.
    void reserve(size_type n) {
        if (n > max_size()) throw std::length_error("orchard: bucket_queue::reserve beyond max_size()");
        slots_.reserve(n);
        if (rings_ == nullptr) rings_ = std::make_unique<ring[]>(Levels);
    }

    // Elements in pop order (the concept only promises some order); it.handle() names the element.
    // Any change to the queue invalidates iterators.
    iterator begin() const noexcept {
        iterator it(this, next_level(0), 0);
        if (it.level_ < Levels) it.position_ = rings_[it.level_].head();
        return it;
    }
    iterator end() const noexcept { return iterator(this, Levels, 0); }

    // Removes every element for which pred(const T&) is true and passes each, in pop order, to
    // sink(T&&). Returns how many were removed. O(n). pred and sink must not touch the queue. If
    // pred throws, nothing is removed; if sink throws, the elements not yet handed over (including
    // the one being handed over) stay queued. (The same guarantees as priority_queue::drain_if.)
    template <class Pred, class Sink>
    size_type drain_if(Pred pred, Sink sink) {
        size_type chosen = 0;
        try {
            for_each_live([&](std::size_t level, std::uint64_t p) {
                if (std::invoke(pred, std::as_const(*element_at(level, p)))) {
                    slots_.header(rings_[level].slot(p)).place |= mark_bit;
                    ++chosen;
                }
            });
        } catch (...) {
            unmark_all();
            throw;
        }
        size_type removed = 0;
        try {
            for (std::size_t level = next_level(0); removed < chosen && level < Levels; level = next_level(level + 1)) {
                ring& r = rings_[level];
                for (std::uint64_t p = r.head(); p != r.tail(); ++p) {
                    if (!live_cell(level, p)) continue;
                    const std::uint32_t s = r.slot(p);
                    if ((slots_.header(s).place & mark_bit) == 0) continue;
                    T* v = element_at(level, p);
                    std::invoke(sink, std::move(*v));
                    v->~T();
                    slots_.release(s);  // the cell is dead from here on
                    ++dead_;
                    --size_;
                    ++removed;
                }
            }
        } catch (...) {
            unmark_all();
            tidy_all();
            throw;
        }
        tidy_all();
        return removed;
    }

    using base::drain_if;  // drain_if(pred): the removed elements, collected

    class iterator {
    public:
        using iterator_concept = std::forward_iterator_tag;
        using iterator_category = std::forward_iterator_tag;
        using value_type = T;
        using difference_type = std::ptrdiff_t;
        using pointer = const T*;
        using reference = const T&;

        iterator() noexcept = default;
        reference operator*() const noexcept { return *q_->element_at(level_, position_); }
        pointer operator->() const noexcept { return &**this; }
        iterator& operator++() noexcept {
            ++position_;
            skip();
            return *this;
        }
        iterator operator++(int) noexcept {
            iterator old = *this;
            ++*this;
            return old;
        }
        friend bool operator==(const iterator&, const iterator&) noexcept = default;
        handle_type handle() const noexcept { return q_->handle_of(slot()); }

    private:
        friend bucket_queue;
        iterator(const bucket_queue* q, std::size_t level, std::uint64_t position) noexcept
            : q_(q), level_(level), position_(position) {}
        std::uint32_t slot() const noexcept { return q_->rings_[level_].slot(position_); }
        // Moves to the next live cell, across levels; past the last one, to end().
        void skip() noexcept {
            while (level_ < Levels) {
                const ring& r = q_->rings_[level_];
                while (position_ != r.tail() && !q_->live_cell(level_, position_)) ++position_;
                if (position_ != r.tail()) return;
                level_ = q_->next_level(level_ + 1);
                position_ = level_ < Levels ? q_->rings_[level_].head() : 0;
            }
            position_ = 0;
        }
        const bucket_queue* q_ = nullptr;
        std::size_t level_ = 0;
        std::uint64_t position_ = 0;
    };

private:
    friend struct detail::queue_access;

    static constexpr std::size_t words = (Levels + 63) / 64;
    static constexpr unsigned position_bits = 40;
    static constexpr unsigned level_bits = 12;
    static constexpr std::uint64_t position_mask = (std::uint64_t{1} << position_bits) - 1;
    static constexpr std::uint64_t mark_bit = std::uint64_t{1} << 63;
    static constexpr std::uint64_t max_sequence = 0xFFFF'FFFEu;
    static constexpr std::uint64_t prefetch_distance = 8;
    static constexpr std::uint32_t tombstone_slack = 32;
    static constexpr std::size_t tombstones_per_element = 3;  // see maybe_sweep
    // A ring holds at most every element plus the tombstones a sweep allows (and one more during
    // update), and doubling leaves it at most half full: its positions span less than 2^40.
    static_assert(2 * ((tombstones_per_element + 1) * std::uint64_t{storage::max_slots} + tombstone_slack + 2) <=
                  position_mask);
    static_assert(Levels <= (std::size_t{1} << level_bits), "slot_header::place has too few bits for the level");

    // A slot's place: position modulo 2^40 in bits 0-39, level in bits 40-51, mark (0) in bit 63.
    static std::uint64_t place_of(std::uint64_t position, std::uint32_t level) noexcept {
        return (position & position_mask) | std::uint64_t{level} << position_bits;
    }
    static std::uint32_t level_in(const slot_header& h) noexcept {
        return static_cast<std::uint32_t>(h.place >> position_bits & ((std::uint64_t{1} << level_bits) - 1));
    }
    static std::uint64_t position_in(const slot_header& h) noexcept { return h.place & position_mask; }
    // Whether a slot's (stored, masked) position is the front of ring r.
    static bool at_front(const ring& r, std::uint64_t position) noexcept {
        return position == (r.head() & position_mask);
    }

    // Whether the cell at position p of `level` holds its element. A cell always names a slot; it
    // is live while that slot is occupied (odd generation) and its header places the element in
    // this very cell. So erase, extract and drain leave a tombstone by releasing the slot, and
    // update by changing the header: the cell itself, somewhere in a level far from the cache, is
    // never written. No other cell can match the header: positions within a level are unique.
    bool live_cell(std::size_t level, std::uint64_t p) const noexcept {
        const slot_header& h = slots_.header(rings_[level].slot(p));
        return (h.generation & 1u) != 0 && (h.place & ~mark_bit) == place_of(p, static_cast<std::uint32_t>(level));
    }

    // Destroys the elements in the cells of `level` (inline elements only; their slots stay).
    void destroy_elements(std::size_t level) noexcept {
        if constexpr (inline_elements) {
            ring& r = rings_[level];
            for (std::uint64_t p = r.head(); p != r.tail(); ++p)
                if (live_cell(level, p)) r.value(p)->~T();
        }
    }

    friend base;
    using base::checked;
    using base::construct;
    using base::handle_of;
    static constexpr const char* queue_name = "bucket_queue";

    // The element in the live cell at position p of `level`.
    T* element_at(std::size_t level, std::uint64_t p) noexcept {
        if constexpr (inline_elements) return rings_[level].value(p);
        else return slots_.value(rings_[level].slot(p));
    }
    const T* element_at(std::size_t level, std::uint64_t p) const noexcept {
        return const_cast<bucket_queue*>(this)->element_at(level, p);
    }
    // The element of live slot s (for slot_handles). Inline, its header's place names its cell: the
    // low 40 bits of a position name the same cell as the whole position (see position_bits).
    T* element(std::uint32_t s) noexcept {
        if constexpr (inline_elements) {
            const slot_header& h = slots_.header(s);
            return rings_[level_in(h)].value(position_in(h));
        } else {
            return slots_.value(s);
        }
    }
    const T* element(std::uint32_t s) const noexcept { return const_cast<bucket_queue*>(this)->element(s); }
    // Where the element pushed into free slot s at `level` is constructed (the level has room).
    std::byte* storage_for(std::uint32_t level, std::uint32_t s) noexcept {
        if constexpr (inline_elements) {
            ring& r = rings_[level];
            return r.storage(r.tail());
        } else {
            (void)level;
            return slots_.at(s).bytes;
        }
    }

    // The level a priority lives at; higher_first numbers levels from the top so that the first
    // level is always the lowest set bit.
    static std::uint32_t level_of(const priority_type& priority) {
        const auto v = detail::as_integer(priority);
        if (std::cmp_less(v, 0) || std::cmp_greater_equal(v, Levels))
            throw priority_out_of_range("orchard: priority " + std::to_string(v) +
                                        " is not a level of this bucket_queue (0.." + std::to_string(Levels - 1) + ")");
        const auto level = static_cast<std::uint32_t>(v);
        return config::descending ? static_cast<std::uint32_t>(Levels - 1 - level) : level;
    }

    template <class U>
    handle_type push_at(std::uint32_t level, U&& value) {
        if (!ready_to_push(level)) [[unlikely]]
            get_ready_to_push(level);
        const std::uint32_t s = slots_.free_slot();
        construct(storage_for(level, s), std::forward<U>(value));
        return commit(s, level);
    }

    // The element is constructed in the free slot s and its level has room: queue it.
    handle_type commit(std::uint32_t s, std::uint32_t level) noexcept {
        slots_.acquire();
        slot_header& h = slots_.header(s);
        h.sequence = static_cast<std::uint32_t>(next_sequence_++);
        ring& r = rings_[level];
        if (r.empty()) set_bit(level);
        h.place = place_of(r.push_back(s), level);
        ++size_;
        return handle_type(s, h.generation);
    }

    // One test for the usual case of push: a free slot, a sequence number and room in the level.
    // (A free slot also means the queue is below max_size().) The rest — the first push, growth,
    // renumbering, the size limit — stays out of line, so that push inlines into a short path.
    bool ready_to_push(std::uint32_t level) const noexcept {
        return slots_.has_free() && next_sequence_ <= max_sequence && rings_ != nullptr && rings_[level].has_room();
    }
    [[gnu::noinline]] void get_ready_to_push(std::uint32_t level) {
        prepare_push();
        rings_[level].reserve_back(pool_);
    }

    void prepare_push() {
        if (size_ == max_size()) throw std::length_error("orchard: bucket_queue holds at most max_size() elements");
        if (rings_ == nullptr) rings_ = std::make_unique<ring[]>(Levels);
        if (next_sequence_ > max_sequence) renumber();
        if (!slots_.has_free()) slots_.add_slot();
    }

    // Sequences only order elements within a level (for update). After 2^32 pushes the queued
    // elements are relabelled 0..n-1 in their order, as in priority_queue, and nothing else changes:
    // an O(n log n) pass every four billion pushes buys 8 bytes per element.
    void renumber() {
        std::vector<std::pair<std::uint64_t, std::uint32_t>> order;
        order.reserve(size_);
        for_each_live([&](std::size_t level, std::uint64_t p) {
            const std::uint32_t s = rings_[level].slot(p);
            order.emplace_back(slots_.header(s).sequence, s);
        });
        std::sort(order.begin(), order.end());
        for (std::size_t r = 0; r < order.size(); ++r)
            slots_.header(order[r].second).sequence = static_cast<std::uint32_t>(r);
        next_sequence_ = size_;
    }

    // f(level, position) for every live cell.
    template <class F>
    void for_each_live(F f) {
        for (std::size_t level = next_level(0); level < Levels; level = next_level(level + 1)) {
            const ring& r = rings_[level];
            for (std::uint64_t p = r.head(); p != r.tail(); ++p)
                if (live_cell(level, p)) f(level, p);
        }
    }

    void unmark_all() noexcept {
        for_each_live(
            [&](std::size_t level, std::uint64_t p) { slots_.header(rings_[level].slot(p)).place &= ~mark_bit; });
    }

    void set_bit(std::size_t level) noexcept {
        bits_[level / 64] |= std::uint64_t{1} << (level % 64);
        if constexpr (words > 1) summary_ |= std::uint64_t{1} << (level / 64);
    }
    void clear_bit(std::size_t level) noexcept {
        bits_[level / 64] &= ~(std::uint64_t{1} << (level % 64));
        if constexpr (words > 1)
            if (bits_[level / 64] == 0) summary_ &= ~(std::uint64_t{1} << (level / 64));
    }

    // Precondition: not empty.
    std::size_t first_level() const noexcept {
        if constexpr (words == 1) {
            return static_cast<std::size_t>(std::countr_zero(bits_[0]));
        } else {
            const auto w = static_cast<std::size_t>(std::countr_zero(summary_));
            return w * 64 + static_cast<std::size_t>(std::countr_zero(bits_[w]));
        }
    }

    // The first non-empty level at or after `from`, or Levels.
    std::size_t next_level(std::size_t from) const noexcept {
        if (from >= Levels) return Levels;
        std::size_t w = from / 64;
        const std::uint64_t here = bits_[w] & (~std::uint64_t{0} << (from % 64));
        if (here != 0) return w * 64 + static_cast<std::size_t>(std::countr_zero(here));
        if constexpr (words == 1) {
            return Levels;
        } else {
            const std::uint64_t later = w + 1 < 64 ? summary_ & (~std::uint64_t{0} << (w + 1)) : 0;
            if (later == 0) return Levels;
            w = static_cast<std::size_t>(std::countr_zero(later));
            return w * 64 + static_cast<std::size_t>(std::countr_zero(bits_[w]));
        }
    }

    // Drops the dead cells at the front of `level`, so that its front is live, and clears the
    // level's bit once it is empty. With no tombstone in the queue the front is live: no check.
    void settle_front(std::size_t level) noexcept {
        ring& r = rings_[level];
        if (dead_ != 0) dead_ -= r.drop_dead_front(pool_, [&](std::uint64_t p) { return live_cell(level, p); });
        if (r.empty()) {
            r.rewind(pool_);
            clear_bit(level);
        }
    }

    // Sweeps the tombstones out of every level once they outnumber the elements three to one
    // (+32): O(cells), paid for by the erases and updates that left them, so amortised O(1) each.
    // A sweep's cost is mostly a random read per cell (its slot's header, to tell whether it is
    // live) and a random write per live element it moves (its new position), so waiting for three
    // tombstones per element rather than one makes that share of an erase about a third; the price
    // is at most 4n + 33 cells instead of 2n + 33.
    void maybe_sweep() noexcept {
        if (dead_ > tombstones_per_element * size_ + tombstone_slack) sweep();
    }
    [[gnu::noinline]] void sweep() noexcept {  // out of line: rare, and it would lengthen erase's short path
        for (std::size_t level = next_level(0); level < Levels; level = next_level(level + 1)) {
            ring& r = rings_[level];
            const auto l = static_cast<std::uint32_t>(level);
            // A cell's liveness reads its slot's header: start loading those a few cells ahead.
            const auto live = [&](std::uint64_t p) {
                if (p + prefetch_distance - r.head() < r.cells()) slots_.prefetch(r.slot(p + prefetch_distance));
                return live_cell(level, p);
            };
            dead_ -= r.compact(pool_, live,
                               [&](std::uint32_t s, std::uint64_t to) { slots_.header(s).place = place_of(to, l); });
        }
    }

    void tidy_all() noexcept {
        for (std::size_t level = next_level(0); level < Levels; level = next_level(level + 1)) settle_front(level);
        maybe_sweep();
    }

    // The element in slot s (its payload already destroyed) leaves: releasing the slot makes its
    // cell dead.
    void forget(std::uint32_t s) noexcept {
        const slot_header& h = slots_.header(s);
        const std::uint32_t level = level_in(h);
        const std::uint64_t position = position_in(h);
        slots_.release(s);
        const bool was_front = at_front(rings_[level], position);
        --size_;
        ++dead_;
        if (was_front) settle_front(level);
        maybe_sweep();
    }

    // Puts slot s into level `level` at its place by sequence: walking in from both ends finds the
    // first later element in O(min(before, after)); the shorter side then moves one cell out. The
    // ring has room for one more cell.
    std::uint64_t insert_in_order(std::uint32_t level, std::uint32_t s) noexcept {
        ring& r = rings_[level];
        const std::uint64_t seq = slots_.header(s).sequence;
        if (r.empty()) set_bit(level);
        const auto before_s = [&](std::uint64_t p) {  // dead cells may go on either side
            return !live_cell(level, p) || slots_.header(r.slot(p)).sequence < seq;
        };
        const auto after_s = [&](std::uint64_t p) {
            return !live_cell(level, p) || slots_.header(r.slot(p)).sequence > seq;
        };
        std::uint64_t front = r.head();  // everything before front comes before s
        std::uint64_t back = r.tail();   // everything from back on comes after s
        while (front != back) {
            if (before_s(front)) ++front;
            else back = front;
            if (front == back) break;
            if (after_s(back - 1)) --back;
            else front = back;
        }
        const std::uint64_t p = r.open_at(
            front, [&](std::uint64_t c) { return live_cell(level, c); },
            [&](std::uint32_t moved, std::uint64_t to) { slots_.header(moved).place = place_of(to, level); });
        r.slot(p) = s;
        return p;
    }

    // The ring of `level` has room for one more cell.
    void move_to(std::uint32_t s, std::uint32_t level) noexcept {
        slot_header& h = slots_.header(s);
        const std::uint32_t old = level_in(h);
        if (old == level) return;
        ring& from = rings_[old];
        const std::uint64_t old_position = position_in(h);
        const bool was_front = at_front(from, old_position);
        const std::uint64_t p = insert_in_order(level, s);
        if constexpr (inline_elements) {
            T* v = from.value(old_position);
            ::new (static_cast<void*>(rings_[level].storage(p))) T(std::move(*v));
            v->~T();
        }
        h.place = place_of(p, level);  // the old cell is dead from here on
        ++dead_;
        if (was_front) settle_front(old);
        maybe_sweep();
    }

    // After modify: re-read the priority, or remove the element when it has no valid level.
    void relevel(std::uint32_t s) {
        std::uint32_t level;
        try {
            level = level_of(source::get(*element(s)));
            if (level != level_in(slots_.header(s))) rings_[level].reserve_one(pool_);
        } catch (...) {
            element(s)->~T();
            forget(s);
            throw;
        }
        move_to(s, level);
    }

    storage slots_;
    typename ring::pool pool_;                 // the levels' cells (declared before rings_, which it outlives)
    std::unique_ptr<ring[]> rings_;            // one per level, allocated at the first push
    std::array<std::uint64_t, words> bits_{};  // bit l set when level l is non-empty
    std::uint64_t summary_ = 0;                // bit w set when bits_[w] != 0 (used above 64 levels)
    std::size_t size_ = 0;
    std::size_t dead_ = 0;  // tombstones: cells of all levels whose element has left or moved
    std::uint64_t next_sequence_ = 0;
};

}  // namespace orchard
