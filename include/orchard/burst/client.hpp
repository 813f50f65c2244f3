// burst_client: loads burst plugins by name with typed params, offers each selected job to the
// plugins in order, runs them, and reports who took what and what nobody took.
#pragma once

#include <orchard/burst/policies.hpp>
#include <orchard/detail/diagnostics.hpp>
#include <orchard/error.hpp>
#include <orchard/params.hpp>
#include <orchard/plugin.hpp>
#include <orchard/policy/policy_list.hpp>

#include <unistd.h>

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
    std::string env_prefix = "FLUXBURST";        // plugin instance "gke" reads FLUXBURST_GKE__*
    std::string config_namespace = "fluxburst";  // ... and [fluxburst.gke] of the config file
    std::optional<std::filesystem::path> config_file{};
    // Variables under an instance's prefix, and keys of its section, that match none of its
    // parameters: warnings by default (warnings()), errors when strict.
    bool strict = false;

    static constexpr field_help help[] = {
        {"env_prefix", "Environment variables of plugin instance NAME start with <env_prefix>_NAME__"},
        {"config_namespace", "Plugin instance NAME reads section [<config_namespace>.NAME] of the config file"},
        {"config_file", "INI file with one section per plugin instance"},
        {"strict", "Unknown variables under an instance's prefix are errors, not warnings"},
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

template <class P>
struct is_job_selection : std::false_type {};
template <class S>
struct is_job_selection<job_selection<S>> : std::true_type {};
template <class P>
struct is_plugin_order : std::false_type {};
template <class O>
struct is_plugin_order<plugin_order<O>> : std::true_type {};

using job_selection_kind = policy_kind<is_job_selection, job_selection<select_burstable>>;
using plugin_order_kind = policy_kind<is_plugin_order, plugin_order<load_order>>;

template <policy_problem Problem, class Policy>
struct burst_policy_error {
    static_assert(always_false<Policy>,
                  "orchard: burst_client<Job, registry<...>, Policies...> takes at most one of each: "
                  "job_selection<S>; plugin_order<O>. The policy named in this error (the last template argument "
                  "of orchard::detail::burst_policy_error) is none of them (policy_problem::not_accepted) or "
                  "repeats a kind given before it (policy_problem::repeated)");
};

template <class... Policies>
using burst_policies =
    policy_list<burst_policy_error, policy_kinds<job_selection_kind, plugin_order_kind>, Policies...>;

}  // namespace detail

template <class Job, class Registry, class... Policies>
class burst_client;

template <class Job, class... Plugins, class... Policies>
class burst_client<Job, registry<Plugins...>, Policies...> {
    using policies = detail::burst_policies<Policies...>;
    using policies_reported = detail::reported<!policies::valid, typename policies::report>;
    using plugins_reported = decltype((sizeof(detail::burst_plugin_report<Plugins, Job>) + ... + 0));
    // After a wrong plugin or policy (already reported), nothing is called on the plugins.
    static constexpr bool valid = policies::valid && (detail::burst_plugin_check<Plugins, Job>::valid && ...);

    using select_policy = typename policies::template get<detail::job_selection_kind>::type;
    using order_policy = typename policies::template get<detail::plugin_order_kind>::type;

    struct instance {
        template <class P, class... Args>
        instance(std::string n, std::in_place_type_t<P> type, Args&&... args)
            : name(std::move(n)), object(type, std::forward<Args>(args)...) {}
        std::string name;
        std::variant<Plugins...> object;  // found by name through the registry, then held here
    };

public:
    using job_type = Job;
    using registry_type = registry<Plugins...>;

    explicit burst_client(burst_client_params params = {}) : params_(std::move(params)) {}

    const burst_client_params& params() const noexcept { return params_; }

    // Loads plugin `plugin` (a name or an alias) under that name, its params bound from
    // [<config_namespace>.<name>] of the config file and <env_prefix>_<NAME>__* (the environment
    // winning). Unknown variables under the prefix are warnings (or errors when strict).
    void load(std::string_view plugin) { load_as(plugin, plugin); }

    // Loads plugin `plugin` as instance `instance`: one plugin type may be loaded several times under
    // different names, each with its own configuration.
    void load_as(std::string_view instance_name, std::string_view plugin) {
        require_new(instance_name);
        registry_type::visit(plugin, [&](auto type) {
            using P = typename decltype(type)::type;
            using params_type = params_of<P>;
            const std::string section = params_.config_namespace + "." + std::string(instance_name);
            env_source env(env_prefix_of(instance_name), params_.strict);
            std::optional<bound<params_type>> b;
            try {
                b.emplace(params_.config_file
                              ? bind_traced<params_type>(from_ini(*params_.config_file, section, if_exists), env)
                              : bind_traced<params_type>(env));
            } catch (const binding_error& e) {
                throw binding_error("the parameters of plugin \"" + std::string(instance_name) + "\"", e.problems());
            }
            emplace<P>(instance_name, std::move(b->value));
            for (problem& note : b->notes) {
                note.message += " (plugin \"" + std::string(instance_name) + "\")";
                warnings_.push_back(std::move(note));
            }
        });
    }

    // Where an instance's variables start: <env_prefix>_<NAME>__ (the one rule: params/env_names.hpp).
    std::string env_prefix_of(std::string_view instance_name) const {
        return env_prefix(params_.env_prefix, instance_name);
    }

    // What loading found that was not an error: variables under an instance's prefix that set none
    // of its parameters (with a did-you-mean), a config file without the instance's section; and
    // variables under <env_prefix>_ that no loaded instance reads (FLUXBURST_LOCAL_MAX_NODES, say,
    // for FLUXBURST_LOCAL__MAX_NODES).
    std::vector<problem> warnings() const {
        std::vector<problem> out = warnings_;
        const std::string base = env_program_prefix(params_.env_prefix);  // FLUXBURST_
        std::vector<std::string> known;                                   // every variable a loaded instance reads
        for (const auto& i : instances_)
            std::visit(
                [&](const auto& p) {
                    for (const field_info& f : schema<params_of<std::remove_cvref_t<decltype(p)>>>())
                        known.push_back(env_variable(env_prefix_of(i.name), f.path));
                },
                i.object);
        for (char** variable = ::environ; variable && *variable; ++variable) {
            const std::string_view entry = *variable;
            const std::string_view name = entry.substr(0, entry.find('='));
            if (!name.starts_with(base) || name.size() == base.size()) continue;
            bool claimed = false;
            for (const auto& i : instances_) claimed = claimed || name.starts_with(env_prefix_of(i.name));
            if (claimed) continue;
            problem p;
            p.source = "environment variable " + std::string(name);
            p.message = "is under " + base + " but no loaded plugin instance reads it";
            if (const auto guess = detail::closest_match(name, known)) p.hint = "did you mean " + *guess + "?";
            out.push_back(std::move(p));
        }
        return out;
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
            if constexpr (std::is_same_v<params_of<P>, Params>) {
                try {
                    validate(params);
                } catch (const binding_error& e) {
                    throw binding_error("the parameters of plugin \"" + std::string(instance_name) + "\"",
                                        e.problems());
                }
                emplace<P>(instance_name, std::move(params));
            } else {
                throw plugin_error("plugin \"" + std::string(plugin) + "\" takes " +
                                   std::string(reflect::type_name<params_of<P>>) + ", not " +
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
        throw plugin_error("plugin instance \"" + std::string(instance_name) + "\" is not a " + std::string(P::name) +
                           " plugin");
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
                    taken = std::visit([&](auto& p) { return schedule(p, jobs[j]); }, order[k]->object);
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
                std::visit([](auto& p) { run(p); }, order[k]->object);
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
            std::visit(
                [&](auto& p) {
                    if constexpr (cleaning_plugin<std::remove_cvref_t<decltype(p)>>) {
                        p.cleanup();
                        called.push_back(i.name);
                    }
                },
                i.object);
        return called;
    }

    // Cleans up one instance; `what` (a cluster name, say) is passed on if given.
    void cleanup(std::string_view instance_name, std::optional<std::string_view> what = std::nullopt) {
        std::visit(
            [&](auto& p) {
                using P = std::remove_cvref_t<decltype(p)>;
                if (what) {
                    if constexpr (named_cleaning_plugin<P>) p.cleanup(*what);
                    else unsupported(instance_name, "cleanup(what)");
                } else {
                    if constexpr (cleaning_plugin<P>) p.cleanup();
                    else unsupported(instance_name, "cleanup()");
                }
            },
            get(instance_name).object);
    }

    // Calls unburst() on every plugin that has it (scaling bursted resources back); returns them.
    std::vector<std::string> unburst() {
        std::vector<std::string> called;
        for (auto& i : instances_)
            std::visit(
                [&](auto& p) {
                    if constexpr (unbursting_plugin<std::remove_cvref_t<decltype(p)>>) {
                        p.unburst();
                        called.push_back(i.name);
                    }
                },
                i.object);
        return called;
    }

private:
    template <class P>
    static bool schedule(P& p, const Job& job) {
        if constexpr (valid) return p.schedule(job);
        else return false;
    }
    template <class P>
    static void run(P& p) {
        if constexpr (valid) p.run();
    }

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
        construct_plugin<P>(
            params, name, [&](const auto&... args) { instances_.emplace_back(name, std::in_place_type<P>, args...); });
        const auto answer = validate_plugin(std::get<P>(instances_.back().object));
        if (!answer.ok()) {
            instances_.pop_back();
            throw plugin_error("plugin \"" + name + "\" was not loaded: its validation failed: " + answer.reason());
        }
    }

    // An instance name must make variables of its own: none may be mistaken for another instance's.
    void require_new(std::string_view instance_name) const {
        if (const auto why = env_name_problem(instance_name))
            throw plugin_error("plugin instance name \"" + std::string(instance_name) + "\" " + *why +
                               ": an instance is named by letters and digits, in words joined by single '-' or '_'");
        if (find(instance_name))
            throw plugin_error("a plugin is already loaded as \"" + std::string(instance_name) + "\"");
        for (const auto& i : instances_)
            if (env_word(i.name) == env_word(instance_name))
                throw plugin_error("plugin instance \"" + std::string(instance_name) +
                                   "\" would read the variables of \"" + i.name + "\" (" +
                                   env_prefix_of(instance_name) + "*): give it another name");
    }

    const instance* find(std::string_view instance_name) const noexcept {
        for (const auto& i : instances_)
            if (i.name == instance_name) return &i;
        return nullptr;
    }

    instance& get(std::string_view instance_name) {
        for (auto& i : instances_)
            if (i.name == instance_name) return i;
        std::vector<name_choice> loaded;
        for (const auto& i : instances_) loaded.push_back({i.name});
        throw unknown_name("plugin instance", instance_name, std::move(loaded));
    }

    [[noreturn]] static void unsupported(std::string_view instance_name, std::string_view member) {
        throw plugin_error("plugin \"" + std::string(instance_name) + "\" has no " + std::string(member));
    }

    burst_client_params params_;
    std::vector<problem> warnings_;
    std::deque<instance> instances_;  // a deque never moves its elements: plugins need not be movable
    std::function<bool(const Job&)> select_;
    std::function<std::vector<std::string>(std::vector<std::string>)> order_;
};

}  // namespace orchard
