// The one reader of `Policies...` lists: the kinds a template accepts, their defaults, one error for a wrong list.
#pragma once

#include <orchard/detail/diagnostics.hpp>

#include <cstddef>
#include <type_traits>

namespace orchard {

// One kind of policy that a template accepts: `Is<P>::value` says whether P is of this kind, and
// `Default` is the policy used when the list has none of it.
template <template <class> class Is, class Default>
struct policy_kind {
    template <class P>
    static constexpr bool includes = Is<P>::value;
    using default_policy = Default;
};

// The kinds of policy one template accepts.
template <class... Kinds>
struct policy_kinds {};

// What is wrong with a policy, as the template's error says it.
enum class policy_problem {
    not_accepted,  // the type is of none of the kinds the template accepts
    repeated       // a policy of the same kind came earlier in the list
};

namespace detail {

template <class P, class... Kinds>
inline constexpr std::size_t kinds_including = (std::size_t(Kinds::template includes<P>) + ... + 0);

template <class Kind, class... Policies>
inline constexpr std::size_t policies_of_kind = (std::size_t(Kind::template includes<Policies>) + ... + 0);

// The first policy of Kind among Policies, or Kind's default.
template <class Kind, class... Policies>
struct first_of_kind {
    using type = typename Kind::default_policy;
};
template <class Kind, class P, class... Rest>
struct first_of_kind<Kind, P, Rest...>
    : std::conditional_t<Kind::template includes<P>, std::type_identity<P>, first_of_kind<Kind, Rest...>> {};

// The kind P is of.
template <class P, class... Kinds>
struct kind_of_policy;
template <class P, class K, class... Rest>
struct kind_of_policy<P, K, Rest...>
    : std::conditional_t<K::template includes<P>, std::type_identity<K>, kind_of_policy<P, Rest...>> {};

// The first wrong policy of a list: where it is and what is wrong with it. Computed without naming
// the template's error, so that `valid` stays a constant even where the error has been reported.
struct policy_verdict {
    bool ok = true;
    policy_problem problem = policy_problem::not_accepted;
    std::size_t index = 0;
};

template <class Kinds, class Seen, class... Policies>
struct find_wrong_policy {
    static constexpr policy_verdict value{};
};
template <class... Kinds, class... Seen, class P, class... Rest>
struct find_wrong_policy<policy_kinds<Kinds...>, policy_kinds<Seen...>, P, Rest...> {
    static constexpr policy_verdict find() {
        if constexpr (kinds_including<P, Kinds...> == 0) {
            return {false, policy_problem::not_accepted, sizeof...(Seen)};
        } else if constexpr (policies_of_kind<typename kind_of_policy<P, Kinds...>::type, Seen...> > 0) {
            return {false, policy_problem::repeated, sizeof...(Seen)};
        } else {
            return find_wrong_policy<policy_kinds<Kinds...>, policy_kinds<Seen..., P>, Rest...>::value;
        }
    }
    static constexpr policy_verdict value = find();
};

}  // namespace detail

// What a template's Policies... say, read once: `valid`, false when the list is wrong, and
// `get<Kind>`, the policy of that kind, or its default. A wrong list gives the defaults everywhere, so
// a template can skip its other checks when !valid and nothing else fails: one error, no cascade.
// `report` names the error to instantiate for a wrong list: `Error<problem, policy>`, a struct of the
// template's own whose static_assert sentence lists what it accepts, the offending policy a template
// argument that the compiler prints. The template reports it with detail::reported<!valid, report>
// in a member of its own (kept out of this class, which clang would otherwise treat as broken).
template <template <policy_problem, class> class Error, class Kinds, class... Policies>
struct policy_list;

template <template <policy_problem, class> class Error, class... Kinds, class... Policies>
struct policy_list<Error, policy_kinds<Kinds...>, Policies...> {
private:
    static constexpr detail::policy_verdict verdict =
        detail::find_wrong_policy<policy_kinds<Kinds...>, policy_kinds<>, Policies...>::value;
    using wrong_policy = typename detail::type_at<verdict.ok ? 0 : verdict.index, Policies..., void>::type;

public:
    static constexpr bool valid = verdict.ok;
    using report = Error<verdict.problem, wrong_policy>;

    template <class Kind>
    using get = std::conditional_t<valid, typename detail::first_of_kind<Kind, Policies...>::type,
                                   typename Kind::default_policy>;
};

}  // namespace orchard
