// orchard::petition_queue: what a manager needs from its queue, met by priority_queue and bucket_queue.
#pragma once

#include <concepts>
#include <iterator>
#include <ranges>
#include <type_traits>
#include <utility>

namespace orchard {

namespace detail {
// Stand-ins for the predicate and sink a caller hands to drain_if.
template <class T>
struct any_element_predicate {
    bool operator()(const T&) const noexcept;
};
template <class T>
struct any_element_sink {
    void operator()(T&&) const noexcept;
};
}  // namespace detail

// Exactly what a manager does with queued petitions: push one and keep its handle, pop the next,
// cancel (erase) or age (update) one by handle, check a handle without throwing (contains), list
// them (iterate, in some order), release those matching a predicate (drain_if), and count them.
template <class Q>
concept petition_queue =
    requires {
        typename Q::value_type;
        typename Q::size_type;
        typename Q::priority_type;
        typename Q::handle_type;
    } && std::regular<typename Q::handle_type> && std::is_trivially_copyable_v<typename Q::handle_type> &&
    std::ranges::forward_range<const Q> &&
    std::same_as<std::ranges::range_reference_t<const Q>, const typename Q::value_type&> &&
    requires(Q& q, const Q& cq, typename Q::value_type&& v, typename Q::handle_type h,
             const typename Q::priority_type& p, detail::any_element_predicate<typename Q::value_type> pred,
             detail::any_element_sink<typename Q::value_type> sink) {
        { q.push(std::move(v)) } -> std::same_as<typename Q::handle_type>;
        { q.pop() } -> std::same_as<typename Q::value_type>;
        q.erase(h);
        q.update(h, p);
        { cq.contains(h) } -> std::same_as<bool>;
        { cq.size() } -> std::same_as<typename Q::size_type>;
        { q.drain_if(pred, sink) } -> std::same_as<typename Q::size_type>;
    };

}  // namespace orchard
