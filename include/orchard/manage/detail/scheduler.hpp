// The manager's scheduling decision, single-threaded: which waiting petition starts next, in queue
// order, with look-ahead past petitions that may not start yet and a guard against starving them.
#pragma once

#include <orchard/manage/policies.hpp>
#include <orchard/queue.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <type_traits>
#include <vector>

namespace orchard::detail {

// The queue's order, for merging held petitions back into it: before(a, b) when priority a comes
// out before b.
template <class Choice>
struct queue_order;
template <class... Q>
struct queue_order<manager_heap<Q...>> {
    using config = heap_config<long long, Q...>;
    static bool before(long long a, long long b) noexcept { return typename config::comparator{}(a, b); }
};
template <std::size_t L, class... Q>
struct queue_order<manager_buckets<L, Q...>> {
    static constexpr bool descending = bucket_config<long long, L, Q...>::descending;
    static bool before(long long a, long long b) noexcept { return descending ? a > b : a < b; }
};

// Waiting petitions, as pointers to the nodes that hold them (Node is the manager's, never moved
// while it waits). A node records where it waits in its `place` member (a scheduler::place).
template <class Node, class Choice>
class petition_scheduler {
    // The queue holds only the node; its priority is read from the node when pushed (the heap keeps
    // a copy beside its entries, a bucket queue needs only the level).
    struct entry {
        Node* node;
    };
    struct priority_of_entry {
        long long operator()(const entry& e) const noexcept { return e.node->place.priority; }
    };
    using choice = manager_queue_for<Choice, entry, priority_key<priority_of_entry>>;
    using order = queue_order<Choice>;

public:
    using queue_type = typename choice::type;
    static_assert(petition_queue<queue_type>, "orchard: the manager's queue must be an orchard::petition_queue");
    static constexpr std::size_t levels = choice::levels;  // 0 for a heap

    // Where a node waits: in the queue (by handle), or held aside after being looked past.
    struct place {
        typename queue_type::handle_type handle{};
        long long priority = 0;
        bool held = false;
    };

    petition_scheduler(std::uint32_t look_ahead, std::uint32_t starvation_limit) noexcept
        : look_ahead_(look_ahead), starvation_limit_(starvation_limit) {}

    std::size_t size() const noexcept { return queue_.size() + held_.size(); }
    bool empty() const noexcept { return queue_.empty() && held_.empty(); }

    void reserve(std::size_t n) { queue_.reserve(n); }

    // Queues a node with its priority (a bucket queue's level: checked by the caller).
    void push(Node& n, long long priority) {
        n.place.priority = priority;
        n.place.held = false;
        n.place.handle = queue_.push(entry{&n});
    }

    // Takes a waiting node out, wherever it waits.
    void remove(Node& n) {
        if (!n.place.held) {
            queue_.erase(n.place.handle);
            return;
        }
        for (auto it = held_.begin(); it != held_.end(); ++it)
            if (it->node == &n) {
                held_.erase(it);
                return;
            }
    }

    // Some waiting node, taken out (for a shutdown that cancels them all); nullptr when none waits.
    Node* take_any() {
        if (!held_.empty()) {
            Node* n = held_.back().node;
            held_.pop_back();
            return n;
        }
        return queue_.empty() ? nullptr : queue_.pop().node;
    }

    // Calls f(node) for every waiting node (held ones first, the queue's in no particular order).
    template <class F>
    void for_each(F&& f) const {
        for (const auto& h : held_) f(*h.node);
        for (const auto& e : queue_) f(*e.node);
    }

    // The next node that may start, taken out; nullptr when none may. Candidates come in queue
    // order: those held aside earlier, merged with the queue's top; may_start(node) decides. With
    // look_ahead, up to that many candidates behind one that may not start are considered (each
    // looked past is held aside, keeping its place); one passed over starvation_limit times stops
    // all overtaking until it starts. Only held nodes are ever passed over: whatever starts ahead of
    // a node was behind it, so it had been held aside first.
    template <class MayStart>
    Node* pick(MayStart&& may_start) {
        std::size_t considered = 0;
        for (std::size_t i = 0;; ++i) {
            // The i-th candidate is held_[i], unless the queue's top comes before it.
            const bool from_queue = !queue_.empty() && (i >= held_.size() || before_held(queue_.top(), held_[i]));
            if (!from_queue && i >= held_.size()) return nullptr;
            Node& candidate = from_queue ? *queue_.top().node : *held_[i].node;
            if (may_start(candidate)) {
                for (std::size_t j = 0; j < i; ++j) ++held_[j].passed_over;
                if (from_queue) queue_.pop();
                else held_.erase(held_.begin() + std::ptrdiff_t(i));
                return &candidate;
            }
            const std::uint32_t passed_over = from_queue ? 0 : held_[i].passed_over;
            if (passed_over >= starvation_limit_ || ++considered > look_ahead_) return nullptr;
            if (from_queue) {  // look past it: hold it aside, in order
                queue_.pop();
                candidate.place.held = true;
                held_.insert(held_.begin() + std::ptrdiff_t(i), held_node{&candidate, 0});
            }
        }
    }

    // The node that would be considered first, or nullptr.
    const Node* head() const noexcept {
        if (!held_.empty() && (queue_.empty() || !before_held(queue_.top(), held_.front()))) return held_.front().node;
        return queue_.empty() ? nullptr : queue_.top().node;
    }

private:
    struct held_node {
        Node* node;
        std::uint32_t passed_over = 0;
    };

    // Whether the queue's top comes before a held node. On equal priorities the held one goes first:
    // it was taken out while everything of its priority still queued was submitted after it.
    static bool before_held(const entry& queued, const held_node& held) noexcept {
        return order::before(queued.node->place.priority, held.node->place.priority);
    }

    queue_type queue_;
    std::vector<held_node> held_;  // looked past, kept in queue order
    std::uint32_t look_ahead_;
    std::uint32_t starvation_limit_;
};

}  // namespace orchard::detail
