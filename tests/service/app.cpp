// The command-line app: dispatch by name and alias, argv and environment binding, help, ls, errors and exit codes.
#include <orchard/service/app.hpp>

#include "../support/environment.hpp"

#include <catch2/catch.hpp>

#include <boost/property_tree/json_parser.hpp>
#include <boost/property_tree/ptree.hpp>

#include <array>
#include <chrono>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace {

using namespace std::chrono_literals;

// What the last command saw, so that tests can check the values it was called with.
std::string last_call;

struct hello_params {
    std::string greeting = "hello";
    int repeat = 1;

    static constexpr orchard::field_help help[] = {{"greeting", "What the service says"}};
};

struct serve_args {
    bool foreground = false;
};

struct send_args {
    orchard::required<orchard::positional<std::string>> id{};
    int counter = 1;
    std::chrono::seconds sleep_time = 0s;

    static constexpr orchard::field_help help[] = {{"id", "The petition's id"},
                                                   {"counter", "How many times to say hello"}};
};

struct fail_args {
    orchard::positional<std::string> kind{};
};

class hello_world {
public:
    static constexpr std::string_view name = "hello-world";
    static constexpr std::array<std::string_view, 2> aliases{"hw", "hello"};
    static constexpr std::string_view summary = "An example service that says hello";
    static constexpr std::string_view version = "0.1.0";
    using params_type = hello_params;

    explicit hello_world(const hello_params& p) : params_(p) {}

    orchard::verdict validate() const {
        if (params_.repeat > 0) return orchard::verdict::success();
        return orchard::verdict::failure("repeat must be positive");
    }

    int serve(const serve_args& args) {
        last_call = "serve foreground=" + std::string(args.foreground ? "true" : "false") + " " + params_.greeting +
                    " x" + std::to_string(params_.repeat);
        return 0;
    }

    int send(const send_args& args) const {
        last_call = "send " + **args.id + " counter=" + std::to_string(args.counter) +
                    " sleep=" + std::to_string(args.sleep_time.count()) + "s";
        return 0;
    }

    int fail(const fail_args& args) {
        const std::string& kind = *args.kind;
        if (kind == "exit") throw orchard::exit_error(orchard::exit_code::unavailable, "the service is not running");
        if (kind == "quiet") throw orchard::exit_error(orchard::exit_code::temp_fail, "");
        if (kind == "binding")
            throw orchard::binding_error(
                "the petition",
                {{"counter", "key \"counter\" of the answer", "x", "is not an integer", "an integer", {}}});
        if (kind == "other") throw 42;
        throw std::runtime_error("boom");
    }

    static constexpr auto commands = std::tuple{
        orchard::app_command<&hello_world::serve>{"serve", "Starts the service in the foreground"},
        orchard::app_command<&hello_world::send>{"send", "Sends a petition to the service and prints its output"},
        orchard::app_command<&hello_world::fail>{"fail", "Fails in the way it is told"}};

private:
    hello_params params_;
};

struct watchdog_params {};

struct check_args {
    int code = 0;
};

// No aliases, no version, constructed with the name it is loaded under, commands without arguments.
struct watchdog {
    static constexpr std::string_view name = "watchdog";
    static constexpr std::string_view summary = "Restarts the service when it dies";
    using params_type = watchdog_params;

    watchdog(const watchdog_params&, std::string_view instance) : instance(instance) {}

    int watch() {
        last_call = "watch as " + instance;
        return 0;
    }
    int check(const check_args& args) const noexcept { return args.code; }

    static constexpr auto commands = std::tuple{orchard::app_command<&watchdog::watch>{"watch", "Watches the service"},
                                                orchard::app_command<&watchdog::check>{"check", "Exits with --code"}};

    std::string instance;
};

// A plugin, but not one an app can run: it has no commands.
struct plain {
    static constexpr std::string_view name = "plain";
    using params_type = watchdog_params;
    explicit plain(const watchdog_params&) {}
};

using hello_app = orchard::app<hello_world, watchdog>;

const orchard::app_info info{.name = "orchard-hello", .version = "0.1.0", .env_prefix = "ORCHARD", .summary = {}};

// One run with its outputs.
struct result {
    int code = 0;
    std::string out{};
    std::string err{};
};

result run(std::vector<std::string> args, orchard::app_info with = info) {
    std::ostringstream out, err;
    const hello_app app(std::move(with), out, err);
    last_call.clear();
    const int code = app.run(std::move(args));
    return {code, out.str(), err.str()};
}

}  // namespace

TEST_CASE("app plugins are checked at compile time") {
    STATIC_REQUIRE(orchard::app_plugin<hello_world>);
    STATIC_REQUIRE(orchard::app_plugin<watchdog>);
    STATIC_REQUIRE(orchard::plugin<plain>);
    STATIC_REQUIRE_FALSE(orchard::app_plugin<plain>);
    STATIC_REQUIRE(hello_app::resolve("hello-world") == "hello-world");
    STATIC_REQUIRE(hello_app::resolve("hw") == "hello-world");
    STATIC_REQUIRE(hello_app::resolve("hello") == "hello-world");
    STATIC_REQUIRE(hello_app::resolve("watchdog") == "watchdog");
    STATIC_REQUIRE(hello_app::resolve("ls").empty());
    STATIC_REQUIRE(hello_app::resolve("hellp").empty());
    STATIC_REQUIRE(orchard::exit_code::usage == 64);
    STATIC_REQUIRE(orchard::exit_code::software == 70);
    STATIC_REQUIRE(orchard::exit_code::config == 78);
}

TEST_CASE("a command runs by the plugin's name or an alias") {
    auto r = run({"hello-world", "serve"});
    CHECK(r.code == 0);
    CHECK(last_call == "serve foreground=false hello x1");
    CHECK(r.out.empty());
    CHECK(r.err.empty());

    r = run({"hw", "serve", "--foreground"});
    CHECK(r.code == 0);
    CHECK(last_call == "serve foreground=true hello x1");

    r = run({"hello", "serve", "--no-foreground"});
    CHECK(r.code == 0);
    CHECK(last_call == "serve foreground=false hello x1");
}

TEST_CASE("a command's arguments are bound from argv, positionals included") {
    auto r = run({"hello-world", "send", "job-1", "--counter", "3", "--sleep-time", "2"});
    CHECK(r.code == 0);
    CHECK(r.err.empty());
    CHECK(last_call == "send job-1 counter=3 sleep=2s");

    r = run({"hw", "send", "--counter=4", "job-2", "--sleep-time=1m"});
    CHECK(r.code == 0);
    CHECK(last_call == "send job-2 counter=4 sleep=60s");

    r = run({"hw", "send", "--", "--odd-id"});
    CHECK(r.code == 0);
    CHECK(last_call == "send --odd-id counter=1 sleep=0s");
}

TEST_CASE("the plugin's parameters are bound from <PREFIX>_<PLUGIN>_*") {
    const orchard::test::scoped_env env{{"ORCHARD_HELLO_WORLD__GREETING", "hola"},
                                        {"ORCHARD_HELLO_WORLD__REPEAT", "2"}};
    auto r = run({"hw", "serve"});
    CHECK(r.code == 0);
    CHECK(last_call == "serve foreground=false hola x2");

    // A prefix given with its trailing '_' means the same.
    r = run({"hw", "serve"}, {.name = "orchard-hello", .version = "0.1.0", .env_prefix = "ORCHARD_", .summary = {}});
    CHECK(last_call == "serve foreground=false hola x2");

    const hello_app app(info);
    CHECK(app.env_prefix_of("hello-world") == "ORCHARD_HELLO_WORLD__");
    CHECK(app.info().name == "orchard-hello");
}

TEST_CASE("a plugin constructed with its name, and commands without arguments") {
    auto r = run({"watchdog", "watch"});
    CHECK(r.code == 0);
    CHECK(last_call == "watch as watchdog");

    r = run({"watchdog", "watch", "extra"});
    CHECK(r.code == orchard::exit_code::usage);
    CHECK(r.err ==
          "orchard-hello watchdog watch: 1 problem with the arguments:\n"
          "  - argument 1 = \"extra\" is an unexpected argument\n"
          "Run \"orchard-hello watchdog watch --help\" for usage.\n");
}

TEST_CASE("run returns the command's own exit code") {
    CHECK(run({"watchdog", "check", "--code", "3"}).code == 3);
    CHECK(run({"watchdog", "check"}).code == 0);
}

TEST_CASE("the top-level --help lists the plugins with their help and aliases") {
    const std::string expected =
        "Usage: orchard-hello <plugin> <command> [arguments]\n"
        "       orchard-hello ls [--json]\n"
        "\n"
        "Plugins:\n"
        "  ls*                      List the plugins with their versions\n"
        "  hello-world (hw, hello)  An example service that says hello\n"
        "  watchdog                 Restarts the service when it dies\n"
        "\n"
        "Options:\n"
        "  -h, --help               Show this help and exit.\n"
        "  --version                Show the version and exit.\n"
        "\n"
        "Plugins marked with an asterisk (*) are embedded plugins.\n"
        "Run \"orchard-hello <plugin> --help\" for a plugin's commands.\n";
    for (const char* help : {"--help", "-h"}) {
        const auto r = run({help});
        CHECK(r.code == 0);
        CHECK(r.out == expected);
        CHECK(r.err.empty());
    }
    // Nothing asked is a usage error: the same text, on stderr.
    const auto r = run({});
    CHECK(r.code == orchard::exit_code::usage);
    CHECK(r.out.empty());
    CHECK(r.err == expected);

    // The app's own help goes under the usage.
    const auto with_help = run(
        {"--help"}, {.name = "orchard-hello", .version = "0.1.0", .env_prefix = "ORCHARD", .summary = "Says hello."});
    CHECK(
        with_help.out.starts_with("Usage: orchard-hello <plugin> <command> [arguments]\n"
                                  "       orchard-hello ls [--json]\n"
                                  "\n"
                                  "Says hello.\n"
                                  "\n"
                                  "Plugins:\n"));
}

TEST_CASE("a plugin's --help lists its commands and its environment") {
    const std::string expected =
        "Usage: orchard-hello hello-world <command> [arguments]\n"
        "\n"
        "An example service that says hello\n"
        "\n"
        "Aliases: hw, hello\n"
        "Version: 0.1.0\n"
        "\n"
        "Commands:\n"
        "  serve  Starts the service in the foreground\n"
        "  send   Sends a petition to the service and prints its output\n"
        "  fail   Fails in the way it is told\n"
        "\n"
        "Environment (the plugin's parameters):\n"
        "  ORCHARD_HELLO_WORLD__GREETING\n"
        "      What the service says.\n"
        "      Expects a string. Default: hello.\n"
        "  ORCHARD_HELLO_WORLD__REPEAT\n"
        "      Expects an integer in [-2147483648, 2147483647]. Default: 1.\n"
        "\n"
        "Run \"orchard-hello hello-world <command> --help\" for a command's arguments.\n";
    for (const char* plugin : {"hello-world", "hw"}) {
        const auto r = run({plugin, "--help"});
        CHECK(r.code == 0);
        CHECK(r.out == expected);
    }
    // Without a command: the same text, as a usage error.
    const auto r = run({"hw"});
    CHECK(r.code == orchard::exit_code::usage);
    CHECK(r.err == expected);

    // No aliases, no version, no parameters: those parts are left out.
    CHECK(run({"watchdog", "-h"}).out ==
          "Usage: orchard-hello watchdog <command> [arguments]\n"
          "\n"
          "Restarts the service when it dies\n"
          "\n"
          "Commands:\n"
          "  watch  Watches the service\n"
          "  check  Exits with --code\n"
          "\n"
          "Run \"orchard-hello watchdog <command> --help\" for a command's arguments.\n");
}

TEST_CASE("a command's --help is the usage generated from its arguments") {
    const auto r = run({"hw", "send", "--help"});
    CHECK(r.code == 0);
    CHECK(r.err.empty());
    CHECK(r.out == orchard::usage<send_args>("orchard-hello hello-world send",
                                             "Sends a petition to the service and prints its output"));
    CHECK(r.out ==
          "Usage: orchard-hello hello-world send [options] <id>\n"
          "\n"
          "Sends a petition to the service and prints its output\n"
          "\n"
          "Arguments:\n"
          "  <id>                The petition's id. Expects a string. Required.\n"
          "\n"
          "Options:\n"
          "  --counter VALUE     How many times to say hello. Expects an integer in [-2147483648, 2147483647]. "
          "Default: 1.\n"
          "  --sleep-time VALUE  Expects a whole number of seconds (e.g. 90s, 5m, 1h30m, 2d, 01:30:00; a bare number "
          "counts seconds). Default: 0s.\n"
          "  -h, --help          Show this help and exit.\n");
    CHECK(last_call.empty());

    // Help wins over bad arguments and a bad environment: it is what the user needs then.
    const orchard::test::scoped_env env{{"ORCHARD_HELLO_WORLD__REPEAT", "many"}};
    const auto with_problems = run({"hw", "send", "--counter", "x", "-h"});
    CHECK(with_problems.code == 0);
    CHECK(with_problems.out == r.out);

    const auto no_args = run({"watchdog", "watch", "--help"});
    CHECK(no_args.out ==
          "Usage: orchard-hello watchdog watch [options]\n"
          "\n"
          "Watches the service\n"
          "\n"
          "Options:\n"
          "  -h, --help  Show this help and exit.\n");
}

TEST_CASE("the app and each plugin answer --version") {
    auto r = run({"--version"});
    CHECK(r.code == 0);
    CHECK(r.out == "orchard-hello 0.1.0\n");
    r = run({"hw", "--version"});
    CHECK(r.code == 0);
    CHECK(r.out == "hello-world 0.1.0\n");
    CHECK(run({"watchdog", "--version"}).out == "watchdog\n");
}

TEST_CASE("ls prints the plugins as a tree, embedded ones marked") {
    const auto r = run({"ls"});
    CHECK(r.code == 0);
    CHECK(r.err.empty());
    CHECK(r.out ==
          "orchard-hello - 0.1.0\n"
          "\u251c ls* - 0.1.0\n"
          "\u251c hello-world - 0.1.0\n"
          "\u2514 watchdog\n"
          "\n"
          "Plugins marked with an asterisk (*) are embedded plugins\n");

    const auto help = run({"ls", "--help"});
    CHECK(help.code == 0);
    CHECK(help.out ==
          "Usage: orchard-hello ls [options]\n"
          "\n"
          "List the plugins with their versions.\n"
          "\n"
          "Options:\n"
          "  --[no-]json  Print the list as JSON, for programs. Expects a boolean (true/false, yes/no, on/off, 1/0). "
          "Default: false.\n"
          "  -h, --help   Show this help and exit.\n");

    const auto bad = run({"ls", "--jsn"});
    CHECK(bad.code == orchard::exit_code::usage);
    CHECK(bad.out.empty());
    CHECK(bad.err ==
          "orchard-hello ls: 1 problem with the arguments:\n"
          "  - option --jsn: is not a known option; did you mean --json?\n"
          "Run \"orchard-hello ls --help\" for usage.\n");
}

TEST_CASE("ls --json is valid JSON with every plugin, its aliases and commands") {
    const auto r = run({"ls", "--json"});
    CHECK(r.code == 0);
    CHECK(r.err.empty());
    REQUIRE(r.out.ends_with("}\n"));

    boost::property_tree::ptree tree;
    std::istringstream in(r.out);
    REQUIRE_NOTHROW(boost::property_tree::read_json(in, tree));
    CHECK(tree.get<std::string>("name") == "orchard-hello");
    CHECK(tree.get<std::string>("version") == "0.1.0");

    std::vector<boost::property_tree::ptree> plugins;
    for (const auto& [key, plugin] : tree.get_child("plugins")) plugins.push_back(plugin);
    REQUIRE(plugins.size() == 3);

    CHECK(plugins[0].get<std::string>("name") == "ls");
    CHECK(plugins[0].get<std::string>("version") == "0.1.0");
    CHECK(plugins[0].get<bool>("embedded"));
    CHECK(plugins[0].get_child("commands").empty());

    CHECK(plugins[1].get<std::string>("name") == "hello-world");
    CHECK(plugins[1].get<std::string>("version") == "0.1.0");
    CHECK(plugins[1].get<std::string>("summary") == "An example service that says hello");
    CHECK_FALSE(plugins[1].get<bool>("embedded"));
    std::vector<std::string> aliases, commands;
    for (const auto& [key, alias] : plugins[1].get_child("aliases")) aliases.push_back(alias.data());
    for (const auto& [key, c] : plugins[1].get_child("commands")) commands.push_back(c.get<std::string>("name"));
    CHECK(aliases == std::vector<std::string>{"hw", "hello"});
    CHECK(commands == std::vector<std::string>{"serve", "send", "fail"});
    CHECK(plugins[1].get_child("commands").front().second.get<std::string>("summary") ==
          "Starts the service in the foreground");

    CHECK(plugins[2].get<std::string>("name") == "watchdog");
    CHECK(plugins[2].get<std::string>("version") == "null");  // JSON null: no version
    CHECK(plugins[2].get_child("aliases").empty());

    // The exact text, so that a change to it is a decision.
    CHECK(r.out ==
          "{\"name\":\"orchard-hello\",\"version\":\"0.1.0\",\"plugins\":["
          "{\"name\":\"ls\",\"version\":\"0.1.0\",\"summary\":\"List the plugins with their versions\",\"aliases\":[],"
          "\"embedded\":true,\"commands\":[]},"
          "{\"name\":\"hello-world\",\"version\":\"0.1.0\",\"summary\":\"An example service that says hello\","
          "\"aliases\":[\"hw\",\"hello\"],\"embedded\":false,\"commands\":["
          "{\"name\":\"serve\",\"summary\":\"Starts the service in the foreground\"},"
          "{\"name\":\"send\",\"summary\":\"Sends a petition to the service and prints its output\"},"
          "{\"name\":\"fail\",\"summary\":\"Fails in the way it is told\"}]},"
          "{\"name\":\"watchdog\",\"version\":null,\"summary\":\"Restarts the service when it dies\",\"aliases\":[],"
          "\"embedded\":false,\"commands\":["
          "{\"name\":\"watch\",\"summary\":\"Watches the service\"},{\"name\":\"check\",\"summary\":\"Exits with "
          "--code\"}]}"
          "]}\n");
}

TEST_CASE("JSON strings are escaped") {
    CHECK(orchard::detail::json_quote("plain") == "\"plain\"");
    CHECK(orchard::detail::json_quote("a \"quoted\" \\ path\n\ttab\x01\x1f") ==
          "\"a \\\"quoted\\\" \\\\ path\\n\\ttab\\u0001\\u001f\"");
    CHECK(orchard::detail::json_quote("caf\xc3\xa9") == "\"caf\xc3\xa9\"");  // UTF-8 passes through

    // Program names come from outside: ls --json stays valid whatever they hold.
    std::ostringstream out, err;
    const hello_app app({.name = "odd \"name\"\n", .version = "1\\2", .env_prefix = "ORCHARD", .summary = {}}, out,
                        err);
    REQUIRE(app.run({"ls", "--json"}) == 0);
    boost::property_tree::ptree tree;
    std::istringstream in(out.str());
    REQUIRE_NOTHROW(boost::property_tree::read_json(in, tree));
    CHECK(tree.get<std::string>("name") == "odd \"name\"\n");
    CHECK(tree.get<std::string>("version") == "1\\2");
}

TEST_CASE("an unknown plugin prints the choices and a guess, with EX_USAGE") {
    auto r = run({"hello-wrld", "serve"});
    CHECK(r.code == orchard::exit_code::usage);
    CHECK(r.out.empty());
    CHECK(r.err ==
          "orchard-hello: unknown plugin \"hello-wrld\"; known plugins: ls, hello-world (hw, hello), watchdog; "
          "did you mean \"hello-world\"?\n"
          "Run \"orchard-hello --help\" for usage.\n");

    r = run({"zzz"});
    CHECK(r.code == orchard::exit_code::usage);
    CHECK(r.err ==
          "orchard-hello: unknown plugin \"zzz\"; known plugins: ls, hello-world (hw, hello), watchdog\n"
          "Run \"orchard-hello --help\" for usage.\n");

    r = run({"--verbose"});
    CHECK(r.code == orchard::exit_code::usage);
    CHECK(r.err == "orchard-hello: unknown option \"--verbose\"\nRun \"orchard-hello --help\" for usage.\n");
}

TEST_CASE("an unknown command prints the plugin's commands and a guess, with EX_USAGE") {
    auto r = run({"hw", "sned", "job-1"});
    CHECK(r.code == orchard::exit_code::usage);
    CHECK(r.out.empty());
    CHECK(r.err ==
          "orchard-hello hello-world: unknown command \"sned\"; known commands: serve, send, fail; "
          "did you mean \"send\"?\n"
          "Run \"orchard-hello hello-world --help\" for usage.\n");
    CHECK(last_call.empty());

    r = run({"watchdog", "--fast"});
    CHECK(r.code == orchard::exit_code::usage);
    CHECK(r.err ==
          "orchard-hello watchdog: unknown option \"--fast\"\nRun \"orchard-hello watchdog --help\" for usage.\n");
}

TEST_CASE("every problem with the arguments is reported, with EX_USAGE") {
    const auto r = run({"hw", "send", "--counter", "many", "--sleep-tme=2"});
    CHECK(r.code == orchard::exit_code::usage);
    CHECK(r.out.empty());
    CHECK(r.err ==
          "orchard-hello hello-world send: 3 problems with the arguments:\n"
          "  - id: is required but was not set; expected a string; set it with a positional argument\n"
          "  - counter: option --counter = \"many\" is not an integer; expected an integer in [-2147483648, "
          "2147483647]\n"
          "  - option --sleep-tme = \"2\" is not a known option; did you mean --sleep-time?\n"
          "Run \"orchard-hello hello-world send --help\" for usage.\n");
    CHECK(last_call.empty());
}

TEST_CASE("problems with the environment give EX_CONFIG, or EX_USAGE when argv has problems too") {
    const orchard::test::scoped_env env{{"ORCHARD_HELLO_WORLD__REPEAT", "many"}};
    const std::string env_report =
        "orchard-hello hello-world: 1 problem with the environment:\n"
        "  - repeat: environment variable ORCHARD_HELLO_WORLD__REPEAT = \"many\" is not an integer; expected an "
        "integer in [-2147483648, 2147483647]\n"
        "Run \"orchard-hello hello-world --help\" for its environment variables.\n";

    auto r = run({"hw", "send", "job-1"});
    CHECK(r.code == orchard::exit_code::config);
    CHECK(r.err == env_report);
    CHECK(last_call.empty());

    // Both are reported at once; the command line decides the code.
    r = run({"hw", "send"});
    CHECK(r.code == orchard::exit_code::usage);
    CHECK(r.err ==
          "orchard-hello hello-world send: 1 problem with the arguments:\n"
          "  - id: is required but was not set; expected a string; set it with a positional argument\n"
          "Run \"orchard-hello hello-world send --help\" for usage.\n" +
              env_report);
}

TEST_CASE("a plugin whose validate() fails gives EX_CONFIG") {
    const orchard::test::scoped_env env{{"ORCHARD_HELLO_WORLD__REPEAT", "0"}};
    const auto r = run({"hw", "serve"});
    CHECK(r.code == orchard::exit_code::config);
    CHECK(r.err == "orchard-hello hello-world: the plugin's parameters are not valid: repeat must be positive\n");
    CHECK(last_call.empty());
}

TEST_CASE("an exception from a command is printed and mapped to an exit code") {
    auto r = run({"hw", "fail", "runtime"});
    CHECK(r.code == orchard::exit_code::software);
    CHECK(r.out.empty());
    CHECK(r.err == "orchard-hello hello-world fail: boom\n");

    r = run({"hw", "fail", "exit"});
    CHECK(r.code == orchard::exit_code::unavailable);
    CHECK(r.err == "orchard-hello hello-world fail: the service is not running\n");

    r = run({"hw", "fail", "quiet"});
    CHECK(r.code == orchard::exit_code::temp_fail);
    CHECK(r.err.empty());

    r = run({"hw", "fail", "binding"});
    CHECK(r.code == orchard::exit_code::data_error);
    CHECK(r.err ==
          "orchard-hello hello-world fail: cannot bind the petition: 1 problem\n"
          "  - counter: key \"counter\" of the answer = \"x\" is not an integer; expected an integer\n");

    r = run({"hw", "fail", "other"});
    CHECK(r.code == orchard::exit_code::software);
    CHECK(r.err == "orchard-hello hello-world fail: an exception that is not a std::exception was thrown\n");
}

TEST_CASE("run(argc, argv) skips the program and names it after argv[0] when the app has no name") {
    const char* argv[] = {"/usr/local/bin/hello", "--version", nullptr};
    std::ostringstream out, err;
    const hello_app unnamed({.name = {}, .version = "2.0", .env_prefix = "ORCHARD", .summary = {}}, out, err);
    CHECK(unnamed.run(2, argv) == 0);
    CHECK(out.str() == "hello 2.0\n");

    out.str("");
    const hello_app named(info, out, err);
    char arg0[] = "whatever", arg1[] = "hw", arg2[] = "send", arg3[] = "job-9";
    char* mutable_argv[] = {arg0, arg1, arg2, arg3, nullptr};
    CHECK(named.run(4, mutable_argv) == 0);
    CHECK(last_call == "send job-9 counter=1 sleep=0s");
    CHECK(err.str().empty());
}
