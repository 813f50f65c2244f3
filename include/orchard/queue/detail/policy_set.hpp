// Reads a queue's policy list: checks it (unknown or repeated policies are sentences), fills defaults.
#pragma once

#include <orchard/queue/detail/common.hpp>
#include <orchard/queue/detail/priority.hpp>
#include <orchard/queue/policies.hpp>

#include <concepts>
#include <cstddef>
#include <functional>
#include <type_traits>

namespace orchard::detail {

enum class policy_kind { arity, priority, order, unknown };

template <class P> struct kind_of : std::integral_constant<policy_kind, policy_kind::unknown> {};
template <std::size_t D> struct kind_of<arity<D>> : std::integral_constant<policy_kind, policy_kind::arity> {};
template <auto M> struct kind_of<priority_member<M>> : std::integral_constant<policy_kind, policy_kind::priority> {};
template <class F> struct kind_of<priority_key<F>> : std::integral_constant<policy_kind, policy_kind::priority> {};
template <> struct kind_of<higher_first> : std::integral_constant<policy_kind, policy_kind::order> {};
template <class C> struct kind_of<compare<C>> : std::integral_constant<policy_kind, policy_kind::order> {};

template <policy_kind K, class... Ps>
inline constexpr std::size_t count_of_kind = (std::size_t{kind_of<Ps>::value == K} + ... + 0);

// The first policy of kind K, or Default.
template <policy_kind K, class Default, class... Ps>
struct select_policy {
    using type = Default;
};
template <policy_kind K, class Default, class P, class... Ps>
struct select_policy<K, Default, P, Ps...>
    : std::conditional_t<kind_of<P>::value == K, std::type_identity<P>, select_policy<K, Default, Ps...>> {};

struct no_policy {};

// ---- checks; each static_assert sits in a template named after what it checks, so the trace
// shows the offending type. They return true either way: the caller's static_assert only forces the
// check, and the one message a user sees is the sentence below ------------------------------------

template <class Policy>
constexpr bool heap_policy_is_known() {
    static_assert(kind_of<Policy>::value != policy_kind::unknown,
                  "orchard: priority_queue<T, Policies...> was given a type that is not one of its policies "
                  "(it is named in the instantiation below); it accepts arity<D>, priority_member<&T::member>, "
                  "priority_key<KeyFunction>, higher_first and compare<Compare>");
    return true;
}

template <class Policy>
constexpr bool bucket_policy_is_known() {
    static_assert(kind_of<Policy>::value != policy_kind::arity,
                  "orchard: bucket_queue<T, Levels, Policies...> is not a heap and takes no arity<D>; it accepts "
                  "priority_member<&T::member>, priority_key<KeyFunction>, higher_first and "
                  "compare<std::less<>> or compare<std::greater<>>");
    static_assert(kind_of<Policy>::value != policy_kind::unknown,
                  "orchard: bucket_queue<T, Levels, Policies...> was given a type that is not one of its policies "
                  "(it is named in the instantiation below); it accepts priority_member<&T::member>, "
                  "priority_key<KeyFunction>, higher_first and compare<std::less<>> or compare<std::greater<>>");
    return true;
}

template <class... Policies>
constexpr bool policies_are_not_repeated() {
    static_assert(count_of_kind<policy_kind::arity, Policies...> <= 1,
                  "orchard: the queue was given two arity<D> policies; give it at most one");
    static_assert(count_of_kind<policy_kind::priority, Policies...> <= 1,
                  "orchard: the queue was given two ways to read the priority (priority_member / priority_key); "
                  "give it at most one");
    static_assert(count_of_kind<policy_kind::order, Policies...> <= 1,
                  "orchard: the queue was given two orders (higher_first / compare<C>); give it at most one");
    return true;
}

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
    static constexpr bool ok = std::is_base_of_v<decltype(member_class_of(M)), T>;
    static_assert(ok, "orchard: priority_member<&C::member> names a member of a class that is not the queue's "
                      "element type (nor a base of it)");
    using type = std::conditional_t<ok, member_priority<T, M>, missing_priority<T>>;
};

template <class T, class F>
struct source_of<T, priority_key<F>> {
    static constexpr bool ok = std::is_invocable_v<const F&, const T&>;
    static_assert(ok, "orchard: priority_key<F> needs F{}(element) to be callable with a const element and "
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
    using type = typename std::conditional_t<
        packed,
        std::conditional_t<sizeof(P) == 8, std::type_identity<wide_keys<P, descending>>,
                           std::type_identity<narrow_keys<P, descending>>>,
        std::type_identity<generic_keys<P, typename order::comparator>>>::type;
};

// ---- the two configurations ---------------------------------------------------------------------

template <class T, class... Policies>
struct heap_config {
    static_assert((heap_policy_is_known<Policies>() && ... && policies_are_not_repeated<Policies...>()));
    static constexpr std::size_t arity = select_policy<policy_kind::arity, orchard::arity<4>, Policies...>::type::value;
    using source = typename source_of<T, typename select_policy<policy_kind::priority, no_policy, Policies...>::type>::type;
    using priority_type = typename source::priority_type;
    using order = typename select_policy<policy_kind::order, no_policy, Policies...>::type;
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
    static_assert((bucket_policy_is_known<Policies>() && ... && policies_are_not_repeated<Policies...>()));
    using source = typename source_of<T, typename select_policy<policy_kind::priority, no_policy, Policies...>::type>::type;
    using priority_type = typename source::priority_type;
    using order = order_of<typename select_policy<policy_kind::order, no_policy, Policies...>::type, priority_type>;

    static_assert(std::is_integral_v<priority_type> || std::is_enum_v<priority_type>,
                  "orchard: bucket_queue needs integer (or enum) priorities, one level per value; use "
                  "priority_queue for other priority types");
    static_assert(order::value != direction::custom,
                  "orchard: bucket_queue orders its levels by number, so it accepts only compare<std::less<>> "
                  "(the default: level 0 first) or compare<std::greater<>> (the same as higher_first)");
    static constexpr bool descending = order::value == direction::descending;
};

}  // namespace orchard::detail
