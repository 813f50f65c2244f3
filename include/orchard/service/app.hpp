// orchard::app<Plugins...>: a command-line program whose subcommands are its plugins' commands, exiting by sysexits.
#pragma once

#include <orchard/error.hpp>
#include <orchard/params.hpp>  // every value type a command's arguments may hold (durations, sizes, enums...)
#include <orchard/params/detail/help_text.hpp>
#include <orchard/plugin/concepts.hpp>
#include <orchard/plugin/registry.hpp>
#include <orchard/process/error.hpp>
#include <orchard/service/detail/app_checks.hpp>
#include <orchard/service/detail/app_text.hpp>
#include <orchard/service/errors.hpp>
#include <orchard/service/exit_codes.hpp>
#include <orchard/service/protocol.hpp>

#include <concepts>
#include <cstddef>
#include <exception>
#include <iostream>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace orchard {

// One command of an app plugin: `orchard::app_command<&my_plugin::send>{"send", "Sends a petition"}`.
// The member function is int (P::*)(const Args&) (const and noexcept allowed), Args being the
// aggregate its arguments are bound into from argv, or int (P::*)() for a command without arguments.
template <auto Member>
struct app_command {
    static constexpr auto member = Member;

    std::string_view name{};
    std::string_view summary{};  // one line, shown in the plugin's --help and by ls --json
};

// What the app says about itself. Given at run time (not as a template policy) because a version
// usually comes from the build system as a string, and nothing needs it at compile time.
struct app_info {
    std::string name{};        // the program's name in help, errors and ls; argv[0]'s base name when empty
    std::string version{};     // shown by --version and ls
    std::string env_prefix{};  // plugin parameters come from <env_prefix>_<PLUGIN>__<FIELD>
    std::string summary{};     // one line under the usage
    // Variables under a plugin's prefix that match none of its parameters: warnings by default,
    // errors when strict.
    bool strict = false;
};

// A plugin that an app can run: an orchard::plugin with `static constexpr std::string_view summary`
// and `static constexpr auto commands = std::tuple{orchard::app_command<&P::member>{"name",
// "summary"}, ...}` declared after the member functions it names; optionally aliases and a version.
template <class P>
concept app_plugin = detail::app_plugin_check<P>::valid;

namespace detail {

// The arguments of the embedded `ls`.
struct ls_args {
    bool json = false;

    static constexpr field_help help[] = {{"json", "Print the list as JSON, for programs"}};
};

inline constexpr std::string_view ls_summary = "List the plugins with their versions";

}  // namespace detail

// A command-line program assembled from plugins at compile time:
//   prog <plugin|alias> <command> [arguments]   runs a plugin's command
//   prog <plugin> [<command>] --help            describes a plugin or a command
//   prog ls [--json]                            lists the plugins and their versions
//   prog --help | --version
// run() never throws: every outcome is an exit code of orchard::exit_code and text on out or err.
template <class... Plugins>
class app {
    static_assert(sizeof...(Plugins) > 0, "orchard: app<Plugins...> needs at least one plugin");
    using checks = detail::app_check<Plugins...>;
    using checks_reported = decltype(sizeof(checks));

public:
    using registry_type = registry<Plugins...>;

    explicit app(app_info info, std::ostream& out = std::cout, std::ostream& err = std::cerr)
        : info_(std::move(info)), out_(&out), err_(&err) {}

    const app_info& info() const noexcept { return info_; }

    // Runs the command that argv names and returns the process's exit code.
    int run(int argc, const char* const* argv) const {
        std::vector<std::string> args;
        for (int i = 1; i < argc; ++i) args.emplace_back(argv[i] ? argv[i] : "");
        const std::string_view argv0 = argc > 0 && argv[0] ? argv[0] : "";
        return run_as(info_.name.empty() ? std::string(detail::base_name(argv0)) : info_.name, std::move(args));
    }

    // Same, with the arguments that follow the program's name.
    int run(std::vector<std::string> args) const { return run_as(info_.name, std::move(args)); }

    // The name of the plugin that `name_or_alias` is the name or an alias of; empty when there is none.
    static constexpr std::string_view resolve(std::string_view name_or_alias) noexcept {
        return registry_type::resolve(name_or_alias);
    }

    // Where a plugin's parameters come from: variables <ENV_PREFIX>_<PLUGIN>__<FIELD> (env_names.hpp).
    std::string env_prefix_of(std::string_view plugin) const { return env_prefix(info_.env_prefix, plugin); }

private:
    std::ostream& out() const { return *out_; }
    std::ostream& err() const { return *err_; }

    int run_as(std::string program, std::vector<std::string> args) const {
        if constexpr (!checks::valid) {
            return exit_code::software;  // not reached: the program did not compile
        } else {
            return run_checked(std::move(program), std::move(args));
        }
    }

    int run_checked(std::string program, std::vector<std::string> args) const {
        if (program.empty()) program = "app";
        try {
            if (args.empty()) {  // nothing asked: the usage, as an error, so that scripts notice
                err() << usage_text(program);
                return exit_code::usage;
            }
            const std::string word = std::move(args.front());
            args.erase(args.begin());
            if (word == "-h" || word == "--help") {
                out() << usage_text(program);
                return exit_code::ok;
            }
            if (word == "--version") {
                out() << program << (info_.version.empty() ? "" : " " + info_.version) << "\n";
                return exit_code::ok;
            }
            if (word == detail::embedded_ls) return run_ls(program, std::move(args));
            if (word.starts_with('-')) return usage_error(program, "unknown option \"" + word + "\"", program);
            const std::string_view name = resolve(word);
            if (name.empty()) return usage_error(program, unknown_plugin_message(word), program);
            return registry_type::visit(
                name, [&](auto type) { return run_plugin<typename decltype(type)::type>(program, std::move(args)); });
        } catch (...) {
            return report_exception(program);
        }
    }

    int run_ls(const std::string& program, std::vector<std::string> args) const {
        const std::string who = program + " ls";
        args_source argv(std::move(args), who);
        if (argv.help_requested()) {
            out() << orchard::usage<detail::ls_args>(who, detail::as_sentence(detail::ls_summary));
            return exit_code::ok;
        }
        detail::ls_args options;
        try {
            options = bind<detail::ls_args>(argv);
        } catch (const binding_error& e) {
            report_problems(who, "the arguments", e.problems());
            err() << "Run \"" << who << " --help\" for usage.\n";
            return exit_code::usage;
        }
        out() << (options.json ? ls_json(program) : ls_tree(program));
        return exit_code::ok;
    }

    template <class P>
    int run_plugin(const std::string& program, std::vector<std::string> args) const {
        const std::string who = program + " " + std::string(P::name);
        if (args.empty()) {
            err() << plugin_usage<P>(program);
            return exit_code::usage;
        }
        const std::string word = std::move(args.front());
        args.erase(args.begin());
        if (word == "-h" || word == "--help") {
            out() << plugin_usage<P>(program);
            return exit_code::ok;
        }
        if (word == "--version") {
            const std::string_view version = plugin_version<P>();
            out() << P::name << (version.empty() ? "" : " ") << version << "\n";
            return exit_code::ok;
        }
        if (word.starts_with('-')) return usage_error(who, "unknown option \"" + word + "\"", who);
        bool found = false;
        int code = exit_code::ok;
        auto try_command = [&](const auto& c) {
            if (found || c.name != word) return;
            found = true;
            code = run_command<P>(who, c, std::move(args));
        };
        std::apply([&](const auto&... c) { (try_command(c), ...); }, P::commands);
        if (!found) return usage_error(who, unknown_command_message<P>(word), who);
        return code;
    }

    // Binds the command's arguments from argv and the plugin's parameters from the environment,
    // reporting every problem of both before giving up; then constructs the plugin and calls.
    template <class P, class Command>
    int run_command(const std::string& plugin_who, const Command& c, std::vector<std::string> args) const {
        using traits = detail::command_member<std::remove_cv_t<decltype(Command::member)>>;
        using args_type = typename traits::args_type;
        using params_type = params_of<P>;
        const std::string who = plugin_who + " " + std::string(c.name);
        args_source argv(std::move(args), who);
        if (argv.help_requested()) {
            out() << orchard::usage<args_type>(who, c.summary);
            return exit_code::ok;
        }
        std::optional<args_type> arguments;
        std::optional<params_type> params;
        std::vector<problem> argv_problems, env_problems;
        try {
            arguments.emplace(bind<args_type>(argv));
        } catch (const binding_error& e) {
            argv_problems = e.problems();
        }
        try {
            auto bound = bind_traced<params_type>(env_source(env_prefix_of(P::name), info_.strict));
            params.emplace(std::move(bound.value));
            for (const problem& note : bound.notes) err() << plugin_who << ": warning: " << note.to_string() << "\n";
        } catch (const binding_error& e) {
            env_problems = e.problems();
        }
        if (!argv_problems.empty()) {
            report_problems(who, "the arguments", argv_problems);
            err() << "Run \"" << who << " --help\" for usage.\n";
        }
        if (!env_problems.empty()) {
            report_problems(plugin_who, "the environment", env_problems);
            err() << "Run \"" << plugin_who << " --help\" for its environment variables.\n";
        }
        // The command line is what the user just typed: it decides the code when both are wrong.
        if (!argv_problems.empty()) return exit_code::usage;
        if (!env_problems.empty()) return exit_code::config;
        try {
            return construct_plugin<P>(*params, P::name, [&](const auto&... constructor_args) {
                P plugin(constructor_args...);
                return call<Command, traits::takes_args>(plugin, *arguments, plugin_who);
            });
        } catch (...) {
            return report_exception(who);
        }
    }

    template <class Command, bool TakesArgs, class P, class Args>
    int call(P& plugin, const Args& arguments, const std::string& plugin_who) const {
        if (const verdict answer = validate_plugin(std::as_const(plugin)); !answer.ok()) {
            err() << plugin_who << ": the plugin's parameters are not valid: " << answer.reason() << "\n";
            return exit_code::config;
        }
        if constexpr (TakesArgs) return (plugin.*Command::member)(arguments);
        else return (plugin.*Command::member)();
    }

    // Called inside a catch block: prints the current exception and picks the code for its kind.
    int report_exception(const std::string& who) const {
        const auto say = [&](const std::exception& e) {
            if (*e.what() != '\0') err() << who << ": " << e.what() << "\n";
        };
        try {
            throw;
        } catch (const exit_error& e) {
            say(e);
            return e.code();
        } catch (const binding_error& e) {  // data the command bound (a message, a file) is wrong
            say(e);
            return exit_code::data_error;
        } catch (const unknown_name& e) {  // the data names a plugin (or the like) that is not there
            say(e);
            return exit_code::data_error;
        } catch (const login_refused& e) {  // a service refused the key
            say(e);
            return exit_code::no_permission;
        } catch (const service_error& e) {  // a service refused the request: what was sent is wrong
            say(e);
            return exit_code::data_error;
        } catch (const service_unavailable& e) {  // no service answers there
            say(e);
            return exit_code::unavailable;
        } catch (const protocol_error& e) {  // what answered does not speak the protocol
            say(e);
            return exit_code::protocol;
        } catch (const process_error& e) {  // fork, exec or wait failed
            say(e);
            return exit_code::os_error;
        } catch (const std::exception& e) {
            say(e);
            return exit_code::software;
        } catch (...) {
            err() << who << ": an exception that is not a std::exception was thrown\n";
            return exit_code::software;
        }
    }

    int usage_error(const std::string& who, const std::string& message, const std::string& help_for) const {
        err() << who << ": " << message << "\nRun \"" << help_for << " --help\" for usage.\n";
        return exit_code::usage;
    }

    void report_problems(const std::string& who, std::string_view what, const std::vector<problem>& problems) const {
        err() << who << ": " << problems.size() << (problems.size() == 1 ? " problem" : " problems") << " with " << what
              << ":\n";
        for (const problem& p : problems) err() << "  - " << p.to_string() << "\n";
    }

    // "hello-world (hw, hello)"
    template <class P>
    static std::string with_aliases() {
        std::string out(P::name);
        const auto words = names_of<P>();
        for (std::size_t i = 1; i < words.size(); ++i) out += (i == 1 ? " (" : ", ") + std::string(words[i]);
        return words.size() > 1 ? out + ")" : out;
    }

    static std::string unknown_plugin_message(std::string_view word) {
        std::vector<name_choice> known{{std::string(detail::embedded_ls)}};
        for (auto& c : registry_type::choices()) known.push_back(std::move(c));
        return unknown_plugin(word, std::move(known)).what();
    }

    template <class P>
    static std::string unknown_command_message(std::string_view word) {
        std::vector<name_choice> known;
        for (auto& row : command_rows<P>()) known.push_back({std::move(row.first)});
        return unknown_name("command", word, std::move(known)).what();
    }

    std::string usage_text(const std::string& program) const {
        std::string out = "Usage: " + program + " <plugin> <command> [arguments]\n";
        out += "       " + program + " ls [--json]\n";
        if (!info_.summary.empty()) out += "\n" + info_.summary + "\n";
        detail::help_rows plugins{{std::string(detail::embedded_ls) + "*", std::string(detail::ls_summary)}};
        (plugins.emplace_back(with_aliases<Plugins>(), std::string(Plugins::summary)), ...);
        const detail::help_rows options{{"-h, --help", "Show this help and exit."},
                                        {"--version", "Show the version and exit."}};
        const std::size_t width = detail::help_width({&plugins, &options});
        out += "\n" + detail::help_table("Plugins", plugins, width);
        out += "\n" + detail::help_table("Options", options, width);
        out += "\nPlugins marked with an asterisk (*) are embedded plugins.\n";
        out += "Run \"" + program + " <plugin> --help\" for a plugin's commands.\n";
        return out;
    }

    // Each command's name and summary, in declaration order.
    template <class P>
    static detail::help_rows command_rows() {
        detail::help_rows rows;
        std::apply([&](const auto&... c) { (rows.emplace_back(std::string(c.name), std::string(c.summary)), ...); },
                   P::commands);
        return rows;
    }

    template <class P>
    std::string plugin_usage(const std::string& program) const {
        const std::string who = program + " " + std::string(P::name);
        std::string out = "Usage: " + who + " <command> [arguments]\n";
        if (!std::string_view(P::summary).empty()) out += "\n" + std::string(P::summary) + "\n";
        const auto words = names_of<P>();
        if (words.size() > 1 || !plugin_version<P>().empty()) out += "\n";
        if (words.size() > 1) {
            out += "Aliases:";
            for (std::size_t i = 1; i < words.size(); ++i) out += (i == 1 ? " " : ", ") + std::string(words[i]);
            out += "\n";
        }
        if (!plugin_version<P>().empty()) out += "Version: " + std::string(plugin_version<P>()) + "\n";
        const detail::help_rows commands = command_rows<P>();
        out += "\n" + detail::help_table("Commands", commands, detail::help_width({&commands}));
        if (!schema<params_of<P>>().empty()) {
            out += "\nEnvironment (the plugin's parameters):\n";
            out += detail::indent(environment_reference<params_of<P>>(env_prefix_of(P::name)), 2);
        }
        out += "\nRun \"" + who + " <command> --help\" for a command's arguments.\n";
        return out;
    }

    struct ls_entry {
        std::string_view name{};
        std::string_view version{};
        bool embedded = false;
    };

    std::vector<ls_entry> ls_entries() const {
        std::vector<ls_entry> entries{{detail::embedded_ls, info_.version, true}};
        (entries.push_back({Plugins::name, plugin_version<Plugins>(), false}), ...);
        return entries;
    }

    // As `orcha ls` prints it: the program, then each plugin, embedded ones marked with '*'.
    std::string ls_tree(const std::string& program) const {
        std::string out = program + (info_.version.empty() ? "" : " - " + info_.version) + "\n";
        const auto entries = ls_entries();
        for (std::size_t i = 0; i < entries.size(); ++i) {
            const ls_entry& e = entries[i];
            out += i + 1 == entries.size() ? "\u2514 " : "\u251c ";
            out += std::string(e.name) + (e.embedded ? "*" : "");
            if (!e.version.empty()) out += " - " + std::string(e.version);
            out += "\n";
        }
        return out + "\nPlugins marked with an asterisk (*) are embedded plugins\n";
    }

    std::string ls_json(const std::string& program) const {
        const auto quoted_or_null = [](std::string_view text) {
            return text.empty() ? std::string("null") : detail::json_quote(text);
        };
        std::string out = "{\"name\":" + detail::json_quote(program) + ",\"version\":" + quoted_or_null(info_.version) +
                          ",\"plugins\":[";
        out += "{\"name\":" + detail::json_quote(detail::embedded_ls) +
               ",\"version\":" + quoted_or_null(info_.version) +
               ",\"summary\":" + detail::json_quote(detail::ls_summary) +
               ",\"aliases\":[],\"embedded\":true,\"commands\":[]}";
        const auto plugin_json = [&]<class P>(std::type_identity<P>) {
            out += ",{\"name\":" + detail::json_quote(P::name) + ",\"version\":" + quoted_or_null(plugin_version<P>()) +
                   ",\"summary\":" + detail::json_quote(P::summary) + ",\"aliases\":[";
            const auto words = names_of<P>();
            for (std::size_t i = 1; i < words.size(); ++i) out += (i > 1 ? "," : "") + detail::json_quote(words[i]);
            out += "],\"embedded\":false,\"commands\":[";
            const detail::help_rows commands = command_rows<P>();
            for (std::size_t i = 0; i < commands.size(); ++i)
                out += (i ? ",{\"name\":" : "{\"name\":") + detail::json_quote(commands[i].first) +
                       ",\"summary\":" + detail::json_quote(commands[i].second) + "}";
            out += "]}";
        };
        (plugin_json(std::type_identity<Plugins>{}), ...);
        return out + "]}\n";
    }

    app_info info_;
    std::ostream* out_;
    std::ostream* err_;
};

}  // namespace orchard
