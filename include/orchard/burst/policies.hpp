// The burst client's policies: which jobs may burst, and in which order plugins are offered them.
#pragma once

#include <string>
#include <type_traits>
#include <vector>

namespace orchard {

// Which jobs are offered to plugins: Select{}(const Job&) -> bool. Default: select_burstable.
template <class Select>
struct job_selection {
    static_assert(std::is_default_constructible_v<Select>,
                  "orchard: job_selection<S> needs a default-constructible callable type S");
    using type = Select;
};

// In which order plugins see each job: Order{}(names in load order) -> names. Default: load_order.
template <class Order>
struct plugin_order {
    static_assert(std::is_default_constructible_v<Order>,
                  "orchard: plugin_order<O> needs a default-constructible callable type O");
    using type = Order;
};

// Jobs marked `burstable`, as Flux Burst selects them.
struct select_burstable {
    template <class Job>
    bool operator()(const Job& job) const {
        constexpr bool has_member = requires { static_cast<bool>(job.burstable); };
        static_assert(has_member,
                      "orchard: the default job selection reads `job.burstable`; add a bool burstable member to "
                      "the job type, or give the client a job_selection<...> policy");
        if constexpr (has_member) return static_cast<bool>(job.burstable);
        else return false;
    }
};

// Every job.
struct select_all {
    template <class Job>
    bool operator()(const Job&) const noexcept {
        return true;
    }
};

// Plugins in the order they were loaded.
struct load_order {
    std::vector<std::string> operator()(std::vector<std::string> names) const { return names; }
};

}  // namespace orchard
