// burst_client: loads burst plugins by name with typed params, offers each selected job to the
// plugins in order, runs them, and reports who took what and what nobody took.
#pragma once

#include <orchard/burst/policies.hpp>
#include <orchard/error.hpp>
#include <orchard/params.hpp>
#include <orchard/plugin.hpp>

#include <cstddef>
#include <deque>
#include <exception>
#include <filesystem>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace orchard {

// The client's own parameters, bound like any other.
struct burst_client_params {
    std::string env_prefix = "FLUXBURST";        // plugin instance "gke" reads FLUXBURST_GKE_*
    std::string config_namespace = "fluxburst";  // ... and [fluxburst.gke] of the config file
    std::optional<std::filesystem::path> config_file{};

    static constexpr field_help help[] = {
        {"env_prefix", "Environment variables of plugin instance NAME start with <env_prefix>_NAME_"},
        {"config_namespace", "Plugin instance NAME reads section [<config_namespace>.NAME] of the config file"},
        {"config_file", "INI file with one section per plugin instance"},
    };
};

// A plugin that was found but refused to load (its validate() failed), or a misuse of instances.
class plugin_error : public error {
public:
    using error::error;
};

// What run_burst did. Jobs are named by their index in the list given to run_burst.
struct burst_report {
    struct assignment {
        std::size_t job;
        std::string plugin;
    };
    struct failure {
        std::string plugin;
        std::string what;  // "run: ..." or "schedule job 3: ..."
    };
    std::vector<assignment> assigned;    // job -> the first plugin (in order) that accepted it
    std::vector<std::size_t> unmatched;  // selected jobs that no plugin accepted
    std::vector<std::size_t> skipped;    // jobs the selection policy left out
    std::vector<std::string> ran;        // plugins whose run() was called and returned
    std::vector<failure> failures;       // plugins that threw, and what they said

    std::vector<std::size_t> jobs_of(std::string_view plugin) const {
        std::vector<std::size_t> out;
        for (const auto& a : assigned)
            if (a.plugin == plugin) out.push_back(a.job);
        return out;
    }
};

namespace detail {

template <class Policy, class Tag>
struct is_policy_of : std::false_type {};
template <class S>
struct is_policy_of<job_selection<S>, job_selection<void>> : std::true_type {};
template <class O>
struct is_policy_of<plugin_order<O>, plugin_order<void>> : std::true_type {};

// The type inside the policy of kind Tag among Policies, or Default.
template <class Tag, class Default, class... Policies>
struct pick_policy {
    using type = Default;
};
template <class Tag, class Default, class First, class... Rest>
struct pick_policy<Tag, Default, First, Rest...> {
    using type = std::conditional_t<is_policy_of<First, Tag>::value, typename First::type,
                                    typename pick_policy<Tag, Default, Rest...>::type>;
};

template <class Policy>
inline constexpr bool is_burst_policy =
    is_policy_of<Policy, job_selection<void>>::value || is_policy_of<Policy, plugin_order<void>>::value;

inline std::string environment_name(std::string_view name) {
    std::string out;
    for (char c : name) out += (c == '-' || c == '.') ? '_' : to_upper(c);
    return out;
}

}  // namespace detail

template <class Job, class Registry, class... Policies>
class burst_client;

template <class Job, class... Plugins, class... Policies>
class burst_client<Job, registry<Plugins...>, Policies...> {
    static_assert((detail::check_burst_plugin<Plugins, Job>() && ...),
                  "orchard: every plugin of a burst client must be a burst plugin for its job type");
    static_assert((detail::is_burst_policy<Policies> && ...),
                  "orchard: burst_client<Job, registry<...>, Policies...> accepts job_selection<S> and "
                  "plugin_order<O> as policies");

    using select_policy = typename detail::pick_policy<job_selection<void>, select_burstable, Policies...>::type;
    using order_policy = typename detail::pick_policy<plugin_order<void>, load_order, Policies...>::type;

    struct instance {
        template <class P, class... Args>
        instance(std::string n, std::in_place_type_t<P> type, Args&&... args)
            : name(std::move(n)), object(type, std::forward<Args>(args)...) {}
        std::string name;
        std::variant<Plugins...> object;
    };

public:
    using job_type = Job;
    using registry_type = registry<Plugins...>;

    explicit burst_client(burst_client_params params = {}) : params_(std::move(params)) {}

    const burst_client_params& params() const noexcept { return params_; }

    // Loads plugin `plugin` under its own name, its params bound from <env_prefix>_<NAME>_* and
    // [<config_namespace>.<name>] of the config file (the environment winning).
    void load(std::string_view plugin) { load_as(plugin, plugin); }

    // Loads plugin `plugin` as instance `instance`: one plugin type may be loaded several times under
    // different names, each with its own configuration.
    void load_as(std::string_view instance_name, std::string_view plugin) {
        require_new(instance_name);
        registry_type::visit(plugin, [&](auto type) {
            using P = typename decltype(type)::type;
            using params_type = typename P::params_type;
            const std::string section = params_.config_namespace + "." + std::string(instance_name);
            const std::string prefix =
                params_.env_prefix + "_" + detail::environment_name(instance_name) + "_";
            params_type p;
            try {
                p = params_.config_file
                        ? bind<params_type>(from_ini(*params_.config_file, section, if_exists), from_env(prefix))
                        : bind<params_type>(from_env(prefix));
            } catch (const binding_error& e) {
                throw binding_error("the parameters of plugin \"" + std::string(instance_name) + "\"", e.problems());
            }
            emplace<P>(instance_name, std::move(p));
        });
    }

    // Loads plugin `plugin` with params built in code (Params must be that plugin's params_type).
    template <class Params>
    void load(std::string_view plugin, Params params) {
        load_as(plugin, plugin, std::move(params));
    }

    template <class Params>
    void load_as(std::string_view instance_name, std::string_view plugin, Params params) {
        require_new(instance_name);
        registry_type::visit(plugin, [&](auto type) {
            using P = typename decltype(type)::type;
            if constexpr (std::is_same_v<typename P::params_type, Params>) {
                try {
                    validate(params);
                } catch (const binding_error& e) {
                    throw binding_error("the parameters of plugin \"" + std::string(instance_name) + "\"",
                                        e.problems());
                }
                emplace<P>(instance_name, std::move(params));
            } else {
                throw plugin_error("plugin \"" + std::string(plugin) + "\" takes " +
                                   std::string(reflect::type_name<typename P::params_type>) + ", not " +
                                   std::string(reflect::type_name<Params>));
            }
        });
    }

    bool loaded(std::string_view instance_name) const noexcept { return find(instance_name) != nullptr; }

    // Instance names, in load order.
    std::vector<std::string> instances() const {
        std::vector<std::string> out;
        for (const auto& i : instances_) out.push_back(i.name);
        return out;
    }

    // The plugin object loaded as `instance_name`, which must be a P.
    template <class P>
    P& plugin(std::string_view instance_name) {
        instance& i = get(instance_name);
        if (P* p = std::get_if<P>(&i.object)) return *p;
        throw plugin_error("plugin instance \"" + std::string(instance_name) + "\" is not a " +
                           std::string(P::name) + " plugin");
    }

    // Run-time overrides of the policies.
    void select_jobs(std::function<bool(const Job&)> select) { select_ = std::move(select); }
    void order_plugins(std::function<std::vector<std::string>(std::vector<std::string>)> order) {
        order_ = std::move(order);
    }

    // Offers each selected job to the plugins in order; the first whose schedule() accepts it takes
    // it. Then every plugin that took jobs runs. Nothing is dropped silently: jobs nobody took are in
    // `unmatched`, exceptions from plugins in `failures`.
    burst_report run_burst(std::span<const Job> jobs) {
        burst_report report;
        const std::vector<instance*> order = ordered_instances();
        std::vector<bool> has_jobs(order.size(), false);
        for (std::size_t j = 0; j < jobs.size(); ++j) {
            if (!select(jobs[j])) {
                report.skipped.push_back(j);
                continue;
            }
            bool taken = false;
            for (std::size_t k = 0; k < order.size() && !taken; ++k) {
                try {
                    taken = std::visit([&](auto& p) { return p.schedule(jobs[j]); }, order[k]->object);
                } catch (const std::exception& e) {
                    report.failures.push_back({order[k]->name, "schedule job " + std::to_string(j) + ": " + e.what()});
                }
                if (taken) {
                    report.assigned.push_back({j, order[k]->name});
                    has_jobs[k] = true;
                }
            }
            if (!taken) report.unmatched.push_back(j);
        }
        for (std::size_t k = 0; k < order.size(); ++k) {
            if (!has_jobs[k]) continue;
            try {
                std::visit([](auto& p) { p.run(); }, order[k]->object);
                report.ran.push_back(order[k]->name);
            } catch (const std::exception& e) {
                report.failures.push_back({order[k]->name, std::string("run: ") + e.what()});
            }
        }
        return report;
    }

    // Tears down what every plugin that can clean up has created; returns the plugins called.
    std::vector<std::string> cleanup() {
        std::vector<std::string> called;
        for (auto& i : instances_)
            std::visit([&](auto& p) {
                if constexpr (cleaning_plugin<std::remove_cvref_t<decltype(p)>>) {
                    p.cleanup();
                    called.push_back(i.name);
                }
            }, i.object);
        return called;
    }

    // Cleans up one instance; `what` (a cluster name, say) is passed on if given.
    void cleanup(std::string_view instance_name, std::optional<std::string_view> what = std::nullopt) {
        std::visit([&](auto& p) {
            using P = std::remove_cvref_t<decltype(p)>;
            if (what) {
                if constexpr (named_cleaning_plugin<P>) p.cleanup(*what);
                else unsupported(instance_name, "cleanup(what)");
            } else {
                if constexpr (cleaning_plugin<P>) p.cleanup();
                else unsupported(instance_name, "cleanup()");
            }
        }, get(instance_name).object);
    }

    // Calls unburst() on every plugin that has it (scaling bursted resources back); returns them.
    std::vector<std::string> unburst() {
        std::vector<std::string> called;
        for (auto& i : instances_)
            std::visit([&](auto& p) {
                if constexpr (unbursting_plugin<std::remove_cvref_t<decltype(p)>>) {
                    p.unburst();
                    called.push_back(i.name);
                }
            }, i.object);
        return called;
    }

private:
    bool select(const Job& job) const { return select_ ? select_(job) : select_policy{}(job); }

    std::vector<instance*> ordered_instances() {
        std::vector<std::string> names = order_ ? order_(instances()) : order_policy{}(instances());
        std::vector<instance*> out;
        for (const auto& n : names) {
            instance& i = get(n);
            for (const instance* seen : out)
                if (seen == &i) throw plugin_error("the plugin order names \"" + n + "\" twice");
            out.push_back(&i);
        }
        return out;
    }

    template <class P, class Params>
    void emplace(std::string_view instance_name, Params params) {
        std::string name(instance_name);
        if constexpr (std::is_constructible_v<P, const Params&, std::string_view>)
            instances_.emplace_back(name, std::in_place_type<P>, params, std::string_view(name));
        else
            instances_.emplace_back(name, std::in_place_type<P>, params);
        const auto verdict = validate_plugin(std::get<P>(instances_.back().object));
        if (!verdict.ok()) {
            instances_.pop_back();
            throw plugin_error("plugin \"" + name + "\" was not loaded: its validation failed: " + verdict.reason());
        }
    }

    void require_new(std::string_view instance_name) const {
        if (find(instance_name))
            throw plugin_error("a plugin is already loaded as \"" + std::string(instance_name) + "\"");
    }

    const instance* find(std::string_view instance_name) const noexcept {
        for (const auto& i : instances_)
            if (i.name == instance_name) return &i;
        return nullptr;
    }

    instance& get(std::string_view instance_name) {
        for (auto& i : instances_)
            if (i.name == instance_name) return i;
        std::string loaded;
        for (const auto& i : instances_) loaded += (loaded.empty() ? "" : ", ") + i.name;
        throw plugin_error("no plugin is loaded as \"" + std::string(instance_name) +
                           "\"; loaded: " + (loaded.empty() ? std::string("(none)") : loaded));
    }

    [[noreturn]] static void unsupported(std::string_view instance_name, std::string_view member) {
        throw plugin_error("plugin \"" + std::string(instance_name) + "\" has no " + std::string(member));
    }

    burst_client_params params_;
    std::deque<instance> instances_;  // a deque never moves its elements: plugins need not be movable
    std::function<bool(const Job&)> select_;
    std::function<std::vector<std::string>(std::vector<std::string>)> order_;
};

}  // namespace orchard
