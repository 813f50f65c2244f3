// Reads a queue's policy list with orchard::policy_list, and what the policies it finds mean.
#pragma once

#include <orchard/policy/policy_list.hpp>
#include <orchard/queue/detail/common.hpp>
#include <orchard/queue/detail/priority.hpp>
#include <orchard/queue/policies.hpp>

#include <concepts>
#include <cstddef>
#include <functional>
#include <type_traits>

namespace orchard::detail {

// The queues' kinds of policy, for orchard::policy_list.
template <class P>
struct is_arity : std::false_type {};
template <std::size_t D>
struct is_arity<arity<D>> : std::true_type {};
template <class P>
struct is_priority_source : std::false_type {};
template <auto M>
struct is_priority_source<priority_member<M>> : std::true_type {};
template <class F>
struct is_priority_source<priority_key<F>> : std::true_type {};
template <class P>
struct is_order : std::false_type {};
template <>
struct is_order<higher_first> : std::true_type {};
template <class C>
struct is_order<compare<C>> : std::true_type {};

struct no_policy {};

using arity_kind = policy_kind<is_arity, arity<4>>;
using priority_kind = policy_kind<is_priority_source, no_policy>;
using order_kind = policy_kind<is_order, no_policy>;

template <policy_problem Problem, class Policy>
struct heap_policy_error {
    static_assert(always_false<Policy>,
                  "orchard: priority_queue<T, Policies...> takes at most one of each: arity<D>; "
                  "priority_member<&T::member> or priority_key<KeyFunction>; higher_first or compare<Compare>. The "
                  "policy named in this error (the last template argument of orchard::detail::heap_policy_error) is "
                  "none of them (policy_problem::not_accepted) or repeats a kind given before it "
                  "(policy_problem::repeated)");
    static constexpr bool value = false;
};

template <policy_problem Problem, class Policy>
struct bucket_policy_error {
    static_assert(always_false<Policy>,
                  "orchard: bucket_queue<T, Levels, Policies...> takes at most one of each: "
                  "priority_member<&T::member> or priority_key<KeyFunction>; higher_first, compare<std::less<>> or "
                  "compare<std::greater<>>. It is not a heap and takes no arity<D>. The policy named in this error "
                  "(the last template argument of orchard::detail::bucket_policy_error) is none of them "
                  "(policy_problem::not_accepted) or repeats a kind given before it (policy_problem::repeated)");
    static constexpr bool value = false;
};

template <class... Policies>
using heap_policies = policy_list<heap_policy_error, policy_kinds<arity_kind, priority_kind, order_kind>, Policies...>;
template <class... Policies>
using bucket_policies = policy_list<bucket_policy_error, policy_kinds<priority_kind, order_kind>, Policies...>;

// ---- where the priority comes from --------------------------------------------------------------

template <class T>
struct default_source {
    static_assert(queue_always_false<T>,
                  "orchard: the queue reads each element's priority from a data member named 'priority', and "
                  "the element type (named in the instantiation below) has none: add one, name another member "
                  "with priority_member<&T::member>, or compute it with priority_key<KeyFunction>");
    using type = missing_priority<T>;
};
template <class T>
    requires has_priority_member<T>
struct default_source<T> {
    using type = member_priority<T, &T::priority>;
};
template <class T>
    requires(!has_priority_member<T> && (std::is_arithmetic_v<T> || std::is_enum_v<T>))
struct default_source<T> {
    using type = self_priority<T>;
};

template <class C, class V>
C member_class_of(V C::*);

template <class T, class Policy>
struct source_of;
template <class T>
struct source_of<T, no_policy> : default_source<T> {};

template <class T, auto M>
struct source_of<T, priority_member<M>> {
    using policy_checked = decltype(sizeof(priority_member<M>));  // its own check: a data member
    static constexpr bool ok = [] {
        if constexpr (std::is_member_object_pointer_v<decltype(M)>)
            return std::is_base_of_v<decltype(member_class_of(M)), T>;
        else return false;
    }();
    static_assert(ok || !std::is_member_object_pointer_v<decltype(M)>,
                  "orchard: priority_member<&C::member> names a member of a class that is not the queue's "
                  "element type (nor a base of it)");
    using type = std::conditional_t<ok, member_priority<T, M>, missing_priority<T>>;
};

template <class T, class F>
struct source_of<T, priority_key<F>> {
    using policy_checked = decltype(sizeof(priority_key<F>));  // its own check: stateless
    static constexpr bool ok = std::is_invocable_v<const F&, const T&>;
    static_assert(ok,
                  "orchard: priority_key<F> needs F{}(element) to be callable with a const element and "
                  "to return its priority");
    using type = typename std::conditional_t<ok, std::type_identity<key_priority<T, F>>,
                                             std::type_identity<missing_priority<T>>>::type;
};

// ---- the order ----------------------------------------------------------------------------------

enum class direction { ascending, descending, custom };

template <class Order, class P>
struct order_of {
    static constexpr direction value = direction::custom;
    using comparator = std::less<>;
};
template <class P>
struct order_of<no_policy, P> {
    static constexpr direction value = direction::ascending;
    using comparator = std::less<>;
};
template <class P>
struct order_of<higher_first, P> {
    static constexpr direction value = direction::descending;
    using comparator = std::greater<>;
};
template <class C, class P>
struct order_of<compare<C>, P> {
    using policy_checked = decltype(sizeof(compare<C>));  // its own check: default-constructible
    static constexpr bool less = std::is_same_v<C, std::less<>> || std::is_same_v<C, std::less<P>>;
    static constexpr bool greater = std::is_same_v<C, std::greater<>> || std::is_same_v<C, std::greater<P>>;
    static constexpr direction value =
        less ? direction::ascending : (greater ? direction::descending : direction::custom);
    using comparator = C;
};

template <class P, class Order>
struct keys_for {
    using order = order_of<Order, P>;
    static constexpr bool packed = packable_priority<P> && order::value != direction::custom;
    static constexpr bool descending = order::value == direction::descending;
    using type =
        typename std::conditional_t<packed,
                                    std::conditional_t<sizeof(P) == 8, std::type_identity<wide_keys<P, descending>>,
                                                       std::type_identity<narrow_keys<P, descending>>>,
                                    std::type_identity<generic_keys<P, typename order::comparator>>>::type;
};

// ---- the two configurations ---------------------------------------------------------------------

template <class T, class... Policies>
struct heap_config {
    using policies = heap_policies<Policies...>;
    using policies_reported = reported<!policies::valid, typename policies::report>;
    static constexpr std::size_t arity = policies::template get<arity_kind>::value;
    using source = typename source_of<T, typename policies::template get<priority_kind>>::type;
    using priority_type = typename source::priority_type;
    using order = typename policies::template get<order_kind>;
    using comparator = typename order_of<order, priority_type>::comparator;

    static_assert(std::is_trivially_copyable_v<priority_type>,
                  "orchard: priority_queue keeps a copy of each priority next to its heap entry, so the priority "
                  "type must be trivially copyable; map it to a number with priority_key<KeyFunction>");
    static_assert(std::predicate<const comparator&, const priority_type&, const priority_type&>,
                  "orchard: the queue's comparator cannot compare two priorities (for the default order, "
                  "the priority type needs operator<)");

    using keys = typename keys_for<priority_type, order>::type;
};

template <class T, std::size_t Levels, class... Policies>
struct bucket_config {
    static_assert(Levels >= 1 && Levels <= 4096, "orchard: bucket_queue<T, Levels> supports 1 to 4096 levels");
    using policies = bucket_policies<Policies...>;
    using policies_reported = reported<!policies::valid, typename policies::report>;
    using source = typename source_of<T, typename policies::template get<priority_kind>>::type;
    using priority_type = typename source::priority_type;
    using order = order_of<typename policies::template get<order_kind>, priority_type>;

    static_assert(std::is_integral_v<priority_type> || std::is_enum_v<priority_type>,
                  "orchard: bucket_queue needs integer (or enum) priorities, one level per value; use "
                  "priority_queue for other priority types");
    static_assert(order::value != direction::custom,
                  "orchard: bucket_queue orders its levels by number, so it accepts only compare<std::less<>> "
                  "(the default: level 0 first) or compare<std::greater<>> (the same as higher_first)");
    static constexpr bool descending = order::value == direction::descending;
};

}  // namespace orchard::detail
