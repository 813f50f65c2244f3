// orchard::priority_queue: a stable d-ary heap with handles for erase and update (lower priority first).
#pragma once

#include <orchard/queue/detail/common.hpp>
#include <orchard/queue/detail/entry_buffer.hpp>
#include <orchard/queue/detail/policy_set.hpp>
#include <orchard/queue/detail/queue_access.hpp>
#include <orchard/queue/detail/slot_handles.hpp>
#include <orchard/queue/detail/slot_storage.hpp>
#include <orchard/queue/errors.hpp>
#include <orchard/queue/handle.hpp>
#include <orchard/queue/policies.hpp>

#include <algorithm>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <iterator>
#include <new>
#include <optional>
#include <stdexcept>
#include <type_traits>
#include <utility>
#include <vector>

namespace orchard {

// Elements come out lowest priority value first and, among equal priorities, in push order.
//
// Layout: the heap holds only 16-byte entries (a key packing priority and push sequence, plus the
// element's slot); the elements sit in slot storage and never move, and freed slots are reused, so
// a queue at a steady size does not allocate.
//
// Erase and update are lazy: nothing records where an element's entry is in the heap (keeping such
// back-pointers costs a random write for every entry a sift moves, which at a million elements
// more than doubled the cost of a pop). Instead each slot remembers its element's current key; an
// entry whose key no longer matches — its element erased, popped or re-prioritised — is stale and
// is dropped when it reaches the top. The top is always live. When stale entries outnumber live
// ones (+32), one O(n) pass drops them all, so the heap never holds more than 2n + 33 entries and
// every operation stays O(log n) amortised.
//
// An element pushed (or updated) ahead of everything queued waits beside the heap, in `front_`,
// instead of sifting up to the root: the next pop takes it without touching the heap. A scheduler
// that pops the most urgent work right after it arrives — and the hold model on few distinct
// priorities, where most pushes land ahead of an old backlog — then pays O(1) for the pair. It
// costs every other push one compare with the root, which the pop before it has just read.
template <class T, class... Policies>
class priority_queue : public detail::slot_handles<priority_queue<T, Policies...>, T> {
    using base = detail::slot_handles<priority_queue<T, Policies...>, T>;
    using config = detail::heap_config<T, Policies...>;
    using source = typename config::source;
    using keys = typename config::keys;
    using entry = typename keys::entry;

    struct slot_header {
        std::uint32_t generation;
        std::uint32_t mark;               // while occupied: drain_if's and compact's mark, else 0
        typename keys::identity current;  // the key of the element's live entry
    };
    using storage = detail::slot_storage<T, slot_header>;

    static_assert(std::is_object_v<T> && !std::is_const_v<T> && !std::is_volatile_v<T> && !std::is_array_v<T>,
                  "orchard: priority_queue<T> holds objects: T must be a non-const, non-array object type");
    static_assert(std::is_nothrow_destructible_v<T>,
                  "orchard: priority_queue<T> needs a T whose destructor does not throw");
    static_assert(std::is_move_constructible_v<T>,
                  "orchard: priority_queue<T>::pop() returns the element by value, so T must be movable or copyable");

public:
    using value_type = T;
    using size_type = std::size_t;
    using difference_type = std::ptrdiff_t;
    using const_reference = const T&;
    using priority_type = typename config::priority_type;
    using handle_type = queue_handle<priority_queue>;
    class iterator;
    using const_iterator = iterator;

    static constexpr std::size_t arity = config::arity;

    priority_queue() noexcept = default;

    priority_queue(priority_queue&& other) noexcept
        : slots_(std::move(other.slots_)),
          heap_(std::move(other.heap_)),
          entries_(std::exchange(other.entries_, 0)),
          hole_(std::exchange(other.hole_, 0)),
          front_(std::exchange(other.front_, std::nullopt)),
          size_(std::exchange(other.size_, 0)),
          next_sequence_(std::exchange(other.next_sequence_, 0)) {}

    // A copy answers the original's handles for the elements they share.
    priority_queue(const priority_queue& other)
        requires std::copy_constructible<T>
        : slots_(other.slots_),
          heap_(other.heap_, root, root + other.entries_),
          entries_(other.entries_),
          hole_(other.hole_),
          front_(other.front_),
          size_(other.size_),
          next_sequence_(other.next_sequence_) {}

    priority_queue& operator=(priority_queue&& other) noexcept {
        priority_queue(std::move(other)).swap(*this);
        return *this;
    }

    priority_queue& operator=(const priority_queue& other)
        requires std::copy_constructible<T>
    {
        if (this != &other) priority_queue(other).swap(*this);
        return *this;
    }

    ~priority_queue() = default;  // slot storage destroys the elements it holds

    void swap(priority_queue& other) noexcept {
        slots_.swap(other.slots_);
        std::swap(heap_, other.heap_);
        std::swap(entries_, other.entries_);
        std::swap(hole_, other.hole_);
        std::swap(front_, other.front_);
        std::swap(size_, other.size_);
        std::swap(next_sequence_, other.next_sequence_);
    }
    friend void swap(priority_queue& a, priority_queue& b) noexcept { a.swap(b); }

    // ---- adding ---------------------------------------------------------------------------------

    // O(log n). Strong guarantee: if constructing the element (or its key) throws, or memory runs
    // out, the queue is unchanged. push reads the priority from its argument before copying it in
    // (so a push never waits for the copy), emplace from the element it has constructed.
    handle_type push(const T& value) { return push_with(priority_of(value), value); }
    handle_type push(T&& value) { return push_with(priority_of(value), std::move(value)); }

    template <class... Args>
    handle_type emplace(Args&&... args) {
        if (!ready_to_push()) [[unlikely]]
            prepare_push();
        const std::uint32_t s = slots_.free_slot();
        T* p = construct(slots_.at(s).bytes, std::forward<Args>(args)...);
        return commit(s, entry_or_destroy(*p, next_sequence_, s));
    }

    // ---- taking ---------------------------------------------------------------------------------

    // Removes the first element and returns it, O(log n). If moving it out throws, the queue is
    // unchanged.
    T pop() {
        if (size_ == 0) throw empty_queue("orchard: pop() on an empty priority_queue");
        const std::uint32_t s = keys::slot_of(top_entry());
        T* p = slots_.value(s);
        T result(std::move(*p));
        p->~T();
        slots_.release(s);
        --size_;
        if (front_) front_.reset();
        else remove_top();
        purge();
        return result;
    }

    const T& top() const {
        if (size_ == 0) throw empty_queue("orchard: top() on an empty priority_queue");
        return *slots_.value(keys::slot_of(top_entry()));
    }

    handle_type top_handle() const {
        if (size_ == 0) throw empty_queue("orchard: top_handle() on an empty priority_queue");
        return handle_of(keys::slot_of(top_entry()));
    }

    // ---- handles --------------------------------------------------------------------------------

    // contains, at, erase and extract come from detail::slot_handles.

    // Writes the new priority into the element and moves it, O(log n) amortised. The element keeps
    // its place in push order: among equal priorities it still comes out by when it was pushed.
    // Strong guarantee.
    void update(handle_type h, const priority_type& priority) {
        if constexpr (!source::writable) {
            static_assert(source::writable,
                          "orchard: update(handle, priority) writes the new priority into the element, but this "
                          "queue computes priorities with priority_key<F> (or the member is const); change the "
                          "element with modify(handle, f) instead");
        } else {
            const std::uint32_t s = checked(h);
            heap_.reserve(root + entries_ + 1, root, root + entries_);
            source::set(*slots_.value(s), priority);
            rekey(s);
        }
    }

    // update(h, priority_c<V>): a constant that does not fit priority_type is a narrowing error.
    template <class I, I V>
    void update(handle_type h, std::integral_constant<I, V>) {
        update(h, priority_type{V});
    }

    // Calls f(element&) and re-reads its priority, O(log n) amortised; the element keeps its place
    // in push order. If f throws, the element stays queued under whatever priority it then has; if
    // the key function throws, the element is removed (it has no place) and the error passed on.
    template <class F>
    void modify(handle_type h, F&& f) {
        const std::uint32_t s = checked(h);
        heap_.reserve(root + entries_ + 1, root, root + entries_);
        try {
            std::invoke(std::forward<F>(f), *slots_.value(s));
        } catch (...) {
            rekey_or_remove(s);
            throw;
        }
        rekey_or_remove(s);
    }

    // ---- the whole queue ------------------------------------------------------------------------

    size_type size() const noexcept { return size_; }
    bool empty() const noexcept { return size_ == 0; }
    static constexpr size_type max_size() noexcept { return storage::max_slots; }

    // Destroys every element; their handles become stale. Keeps the memory for reuse.
    void clear() noexcept {
        settle();
        if (front_) {
            slots_.value(keys::slot_of(*front_))->~T();
            slots_.release(keys::slot_of(*front_));
            front_.reset();
        }
        for (std::size_t i = root; i < root + entries_; ++i) {
            const entry x = heap_[i];
            if (!live(x)) continue;  // stale, or a duplicate of one already destroyed
            slots_.value(keys::slot_of(x))->~T();
            slots_.release(keys::slot_of(x));
        }
        entries_ = 0;
        size_ = 0;
        next_sequence_ = 0;
    }

    // Makes room for n elements (and as many stale entries), so that up to n elements never
    // allocate, whatever is erased or updated meanwhile.
    void reserve(size_type n) {
        if (n > max_size()) throw std::length_error("orchard: priority_queue::reserve beyond max_size()");
        heap_.reserve(root + 2 * n + compact_slack + 1, root, root + entries_);
        slots_.reserve(n);
    }

    // Elements in unspecified order; it.handle() names the element. Any change to the queue
    // invalidates iterators.
    iterator begin() const noexcept { return iterator(this, next_occupied(0)); }
    iterator end() const noexcept { return iterator(this, slots_.count()); }

    // Removes every element for which pred(const T&) is true and passes each, in pop order, to
    // sink(T&&). Returns how many were removed. O(n + k log k). pred and sink must not touch the
    // queue. If pred throws, nothing is removed; if sink throws, the elements not yet handed over
    // (including the one being handed over) stay queued.
    template <class Pred, class Sink>
    size_type drain_if(Pred pred, Sink sink) {
        // 1. choose, calling pred once per element: mark 1
        size_type chosen = 0;
        try {
            for (std::uint32_t s = 0; s < slots_.count(); ++s)
                if (slots_.occupied(s) && std::invoke(pred, std::as_const(*slots_.value(s)))) {
                    slots_.header(s).mark = 1;
                    ++chosen;
                }
        } catch (...) {
            for (std::uint32_t s = 0; s < slots_.count(); ++s)
                if (slots_.occupied(s)) slots_.header(s).mark = 0;
            throw;
        }
        if (chosen == 0) return 0;
        // 2. drop stale entries, keep one entry per chosen element (mark 2), move those to the back.
        // A chosen element in front_ comes out first: it comes before every heap entry.
        settle();
        const bool front_chosen = front_ && slots_.header(keys::slot_of(*front_)).mark == 1;
        entry* e = heap_.data();
        std::size_t w = root;
        for (std::size_t i = root; i < root + entries_; ++i) {
            const entry x = e[i];
            if (!live(x)) continue;
            std::uint32_t& mark = slots_.header(keys::slot_of(x)).mark;
            if (mark == 2) continue;  // a duplicate of a chosen element's entry
            if (mark == 1) mark = 2;
            e[w++] = x;
        }
        entry* const middle = std::partition(
            e + root, e + w, [this](const entry& x) { return slots_.header(keys::slot_of(x)).mark == 0; });
        std::sort(middle, e + w, [](const entry& a, const entry& b) { return keys::before(a, b); });
        entries_ = static_cast<std::size_t>(middle - (e + root));
        heapify();
        // 3. hand them over in pop order
        entry* it = middle;
        try {
            if (front_chosen) {
                const std::uint32_t s = keys::slot_of(*front_);
                std::invoke(sink, std::move(*slots_.value(s)));
                slots_.value(s)->~T();
                slots_.release(s);
                --size_;
                front_.reset();
            }
            for (; it != e + w; ++it) {
                const std::uint32_t s = keys::slot_of(*it);
                std::invoke(sink, std::move(*slots_.value(s)));
                slots_.value(s)->~T();
                slots_.release(s);
                --size_;
            }
        } catch (...) {
            if (front_) slots_.header(keys::slot_of(*front_)).mark = 0;
            for (; it != e + w; ++it) {  // back into the heap; the target index never passes `it`
                slots_.header(keys::slot_of(*it)).mark = 0;
                sift_up(root + entries_++, *it);
            }
            throw;
        }
        return chosen;
    }

    // The same, collecting the removed elements in pop order.
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
        reference operator*() const noexcept { return *q_->slots_.value(slot_); }
        pointer operator->() const noexcept { return &**this; }
        iterator& operator++() noexcept {
            slot_ = q_->next_occupied(slot_ + 1);
            return *this;
        }
        iterator operator++(int) noexcept {
            iterator old = *this;
            ++*this;
            return old;
        }
        friend bool operator==(const iterator&, const iterator&) noexcept = default;
        handle_type handle() const noexcept { return q_->handle_of(slot_); }

    private:
        friend priority_queue;
        iterator(const priority_queue* q, std::uint32_t slot) noexcept : q_(q), slot_(slot) {}
        const priority_queue* q_ = nullptr;
        std::uint32_t slot_ = 0;
    };

private:
    friend struct detail::queue_access;

    // The root sits at D - 1, so the children of every node, D*p - D*(D-2) .. +D-1, start at a
    // multiple of D: with 16-byte entries and D = 4 each sibling group is one aligned cache line.
    static constexpr std::size_t D = arity;
    static constexpr std::size_t root = D - 1;
    static constexpr std::uint64_t max_sequence = keys::max_sequence;
    static constexpr std::size_t compact_slack = 32;
    static constexpr std::size_t entries_per_line = sizeof(entry) >= 64 ? 1 : 64 / sizeof(entry);

    static constexpr std::size_t parent(std::size_t c) noexcept { return c / D + D - 2; }
    static constexpr std::size_t first_child(std::size_t p) noexcept { return D * p - D * (D - 2); }
    static void prefetch(const void* p) noexcept { __builtin_prefetch(p); }

    friend base;
    using base::checked;
    using base::construct;
    using base::handle_of;
    static constexpr const char* queue_name = "priority_queue";
    T* element(std::uint32_t s) noexcept { return slots_.value(s); }
    const T* element(std::uint32_t s) const noexcept { return slots_.value(s); }

    std::uint32_t next_occupied(std::uint32_t s) const noexcept {
        while (s < slots_.count() && !slots_.occupied(s)) ++s;
        return s;
    }

    // An entry is live when its slot holds an element whose current key is the entry's.
    bool live(const entry& e) const noexcept {
        const slot_header& h = slots_.header(keys::slot_of(e));
        return (h.generation & 1u) != 0 && keys::same(h.current, e);
    }

    static priority_type priority_of(const T& v) noexcept(source::nothrow_get) { return source::get(v); }

    template <class U>
    handle_type push_with(const priority_type& priority, U&& value) {
        if (!ready_to_push()) [[unlikely]]
            prepare_push();
        const std::uint32_t s = slots_.free_slot();
        const entry e = keys::make(priority, next_sequence_, s);
        construct(slots_.at(s).bytes, std::forward<U>(value));
        return commit(s, e);
    }

    // The element is constructed in the free slot s: take the slot and queue its entry.
    handle_type commit(std::uint32_t s, const entry& e) noexcept {
        slots_.acquire();
        slot_header& h = slots_.header(s);
        h.mark = 0;
        h.current = keys::identity_of(e);
        ++next_sequence_;
        ++size_;
        insert(e);
        return handle_type(s, h.generation);
    }

    entry entry_or_destroy(T& v, std::uint64_t sequence, std::uint32_t s) {
        if constexpr (source::nothrow_get) {
            return keys::make(source::get(v), sequence, s);
        } else {
            try {
                return keys::make(source::get(v), sequence, s);
            } catch (...) {
                v.~T();
                throw;
            }
        }
    }

    // The element in slot s (its payload already destroyed) leaves: its entries become stale.
    void forget(std::uint32_t s) noexcept {
        slots_.release(s);
        --size_;
        purge();
        maybe_compact();
    }

    // Gives slot s's element a new entry for its current priority, same sequence; the old entry
    // goes stale. The heap has room for one more entry. May throw only from the key function,
    // before anything changed.
    void rekey(std::uint32_t s) {
        slot_header& h = slots_.header(s);
        const entry e = keys::make(source::get(*slots_.value(s)), keys::sequence_of_identity(h.current), s);
        if (keys::same(h.current, e)) return;  // an equivalent priority: same place
        h.current = keys::identity_of(e);
        insert(e);
        purge();  // the old entry may have been the top
        maybe_compact();
    }

    void rekey_or_remove(std::uint32_t s) {
        if constexpr (source::nothrow_get) {
            rekey(s);
        } else {
            try {
                rekey(s);
            } catch (...) {
                slots_.value(s)->~T();
                forget(s);
                throw;
            }
        }
    }

    // One test for the usual case of push: a free slot, a sequence number and room in the heap.
    // (A free slot also means the queue is below max_size().) The rest — growth, renumbering, the
    // size limit — stays out of line, so that push inlines into a short path.
    bool ready_to_push() const noexcept {
        return slots_.has_free() && next_sequence_ <= max_sequence && root + entries_ < heap_.capacity();
    }

    // Everything that can throw in a push, done before anything changes.
    [[gnu::noinline]] void prepare_push() {
        if (size_ == max_size()) throw std::length_error("orchard: priority_queue holds at most max_size() elements");
        heap_.reserve(root + entries_ + 1, root, root + entries_);
        if (next_sequence_ > max_sequence) renumber();
        if (!slots_.has_free()) slots_.add_slot();
    }

    // Drops a stale front_ (its element erased or re-keyed), then stale entries from the top of
    // the heap until its top is live (or the heap empty). With no stale entry at all (no erase or
    // update since the last compaction) the top is live: the check, and its read of the new top's
    // slot, is skipped.
    void purge() noexcept {
        if (front_ && !live(*front_)) [[unlikely]]
            front_.reset();
        const std::size_t in_heap = size_ - (front_ ? 1 : 0);
        while (entries_ - (hole_ != 0 ? 1 : 0) != in_heap && !live(heap_[root])) remove_top();
    }

    void maybe_compact() noexcept {
        if (entries_ > 2 * size_ + compact_slack) compact();
    }

    // Keeps exactly one live entry per element (an element updated back to an earlier priority
    // can have two identical live entries) and rebuilds the heap. O(n), and out of line: inlined
    // into erase it would make the compiler lay out erase's short path around it.
    [[gnu::noinline]] void compact() noexcept {
        settle();
        entry* e = heap_.data();
        std::size_t w = root;
        for (std::size_t i = root; i < root + entries_; ++i) {
            const entry x = e[i];
            if (!live(x)) continue;
            std::uint32_t& seen = slots_.header(keys::slot_of(x)).mark;
            if (seen != 0) continue;
            seen = 1;
            e[w++] = x;
        }
        for (std::size_t i = root; i < w; ++i) slots_.header(keys::slot_of(e[i])).mark = 0;
        entries_ = w - root;
        heapify();
    }

    // The push sequence ran out of bits (after 2^32 pushes for 32- and 64-bit priorities, 2^48+
    // for narrower ones). Relabel the queued elements 0..n-1 in the order of their sequences: an
    // order-preserving relabelling keeps every heap comparison, hence the heap, as it was.
    // O(n log n) once per (max_sequence - n) pushes; the temporary may throw bad_alloc, before
    // anything changed.
    void renumber() {
        std::vector<std::pair<std::uint64_t, std::size_t>> order;
        order.reserve(entries_ + 1);
        compact();
        for (std::size_t i = root; i < root + entries_; ++i) order.emplace_back(keys::sequence_of(heap_[i]), i);
        if (front_) order.emplace_back(keys::sequence_of(*front_), 0);  // 0: front_ (never a heap index)
        std::sort(order.begin(), order.end());
        for (std::size_t r = 0; r < order.size(); ++r) {
            entry& x = order[r].second == 0 ? *front_ : heap_[order[r].second];
            x = keys::with_sequence(x, r);
            slots_.header(keys::slot_of(x)).current = keys::identity_of(x);
        }
        next_sequence_ = size_;
    }

    // Puts x into the hole h, moving parents down while x comes before them.
    void sift_up(std::size_t h, entry x) noexcept {
        entry* e = heap_.data();
        while (h > root) {
            const std::size_t p = parent(h);
            if (p > root) prefetch(e + parent(p));  // overlap the next level's miss with this one
            if (!keys::before(x, e[p])) break;
            e[h] = e[p];
            h = p;
        }
        e[h] = x;
    }

    // The first of the D children starting at c (all present). Branch-free: which child comes
    // first is a coin toss, and a mispredicted branch per level costs more than the compares.
    ORCHARD_QUEUE_INLINE static std::size_t min_child(const entry* e, std::size_t c) noexcept {
        if constexpr (D == 4) {
            const std::size_t a = c + static_cast<std::size_t>(keys::before(e[c + 1], e[c]));
            const std::size_t b = c + 2 + static_cast<std::size_t>(keys::before(e[c + 3], e[c + 2]));
            return pick(keys::before(e[b], e[a]), b, a);
        } else {
            std::size_t m = c;
            for (std::size_t i = 1; i < D; ++i) m = pick(keys::before(e[c + i], e[m]), c + i, m);
            return m;
        }
    }
    static std::size_t pick(bool first, std::size_t a, std::size_t b) noexcept {
        return b ^ ((a ^ b) & (std::size_t{0} - static_cast<std::size_t>(first)));
    }

    // The first child of h among [c, end), or end when h has none.
    ORCHARD_QUEUE_INLINE static std::size_t first_of_children(const entry* e, std::size_t h, std::size_t end) noexcept {
        const std::size_t c = first_child(h);
        // The D*D grandchildren are contiguous: fetch them while this level is compared, so the
        // walk down overlaps each level's cache miss with the next one.
        if (const std::size_t g = first_child(c); g + D * D <= end) {
            for (std::size_t i = 0; i < D * D; i += entries_per_line) prefetch(e + g + i);
        } else {
            for (std::size_t i = g; i < end; i += entries_per_line) prefetch(e + i);
        }
        if (c + D <= end) return min_child(e, c);
        if (c >= end) return end;
        std::size_t m = c;
        for (std::size_t i = c + 1; i < end; ++i) m = pick(keys::before(e[i], e[m]), i, m);
        return m;
    }

    // Puts x into the hole h, moving first children up while they come before x.
    void sift_down(std::size_t h, entry x) noexcept {
        entry* e = heap_.data();
        const std::size_t end = root + entries_;
        for (std::size_t m; (m = first_of_children(e, h, end)) != end && keys::before(e[m], x); h = m) e[h] = e[m];
        e[h] = x;
    }

    // Removes the top entry: the hole walks down to a leaf along first children, D - 1 compares a
    // level (Floyd), and stays there. The usual next operation, a push, fills it and sifts up
    // along the path just walked, which is in cache; anything else first settles it by moving
    // the last entry in (what Floyd's pop does at once).
    void remove_top() noexcept {
        settle();
        const std::size_t end = root + entries_;
        entry* e = heap_.data();
        std::size_t h = root;
        if (std::size_t m = first_of_children(e, h, end); m != end) {
            e[h] = e[m];
            slots_.prefetch(keys::slot_of(e[root]));  // most likely the next top
            for (h = m; (m = first_of_children(e, h, end)) != end; h = m) e[h] = e[m];
        }
        if (h == end - 1) --entries_;
        else hole_ = h;
    }

    // Fills the hole a pop left, if any, with the last entry.
    void settle() noexcept {
        if (hole_ == 0) return;
        const std::size_t last = root + --entries_;
        sift_up(hole_, heap_[last]);
        hole_ = 0;
    }

    // Queues x: in front_ when it comes before everything queued, else in the heap. front_ comes
    // before every heap entry, live or stale, so comparing with the root (or front_) is enough.
    // Hence no heap entry is identical to a live front_: one would have had to be in the heap
    // when front_ came (but front_ came before all), or be pushed after it (but re-keying its
    // element to the same key does nothing, and to another key leaves front_ stale, and purge
    // drops it).
    void insert(const entry& x) noexcept {
        if (front_) {
            if (!keys::before(x, *front_)) return heap_insert(x);
            heap_insert(*front_);  // x comes first: front_ moves to the heap, to the root
        } else if (entries_ != 0 && !keys::before(x, heap_[root])) {
            return heap_insert(x);
        }
        front_ = x;
    }

    void heap_insert(const entry& x) noexcept {
        if (hole_ != 0) {
            sift_up(hole_, x);
            hole_ = 0;
        } else {
            sift_up(root + entries_++, x);
        }
    }

    // Floyd's O(n) heap construction over [root, root + entries_).
    void heapify() noexcept {
        const std::size_t end = root + entries_;
        if (entries_ < 2) return;
        for (std::size_t i = parent(end - 1) + 1; i-- > root;) sift_down(i, heap_[i]);
    }

    const entry& top_entry() const noexcept { return front_ ? *front_ : heap_[root]; }

    storage slots_;
    detail::entry_buffer<entry> heap_;  // [root, root + entries_) in use: live and stale entries
    std::size_t entries_ = 0;           // including the hole
    std::size_t hole_ = 0;              // a leaf left empty by the last pop, or 0 (never a valid index)
    std::optional<entry> front_;        // an element that comes before every heap entry, if any
    std::size_t size_ = 0;              // elements
    std::uint64_t next_sequence_ = 0;
};

}  // namespace orchard
