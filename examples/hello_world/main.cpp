// Orcha's hello-world tutorial, in Orchard: `orchard hello-world serve` runs the service;
// `orchard hello-world send ID --counter 3 --sleep-time 2` prints "Hello world! 0", sleeps,
// "Hello world! 1"... and exits with the action's exit code. Ctrl-C in `send` cancels the petition
// on the service (exit code 130).
#include <orchard/manage.hpp>
#include <orchard/service.hpp>

#include <iostream>
#include <optional>
#include <string>

// A petition: the fields Orcha's HWPetition has. Its priority is computed, as Orcha's __post_init__
// does (counter * sleep_time, lower runs first): no client can set it.
struct hello_petition {
    std::string id;
    orchard::computed<int> priority = 0;
    orchard::checked<int, orchard::at_least<0>> counter = 1;
    orchard::checked<double, orchard::at_least<0>> sleep_time = 0;
};

// The manager's hooks: how a message becomes a petition, and what a petition runs.
struct hello_hooks {
    std::optional<hello_petition> convert(const orchard::message& m) const {
        auto p = orchard::bind<hello_petition>(orchard::from_map(m.extras, "petition " + m.id));
        p.id = m.id;
        p.priority = static_cast<int>(p.counter * p.sleep_time);
        return p;
    }

    // The action runs as a child process, so that cancelling it signals exactly its process group.
    // Arguments are passed as argv ($1, $2), never pasted into the script.
    orchard::process::command command(const hello_petition& p) const {
        return {
            .program = "sh",
            .args = {"-c", R"(i=0; while [ "$i" -lt "$1" ]; do echo "Hello world! $i"; i=$((i + 1)); sleep "$2"; done)",
                     "hello-world", std::to_string(p.counter), orchard::format_value(p.sleep_time.value())}};
    }
};

// At most one running action per CPU, as the tutorial's predicate says.
using hello_manager =
    orchard::manager<hello_petition, orchard::manager_limit<orchard::max_running_cpus>,
                     orchard::manager_executor<orchard::process_executor>, orchard::manager_hooks<hello_hooks>>;

struct serve_args {
    // The service's own parameters, as options of this command: --socket, --key, --listen...
    orchard::embedded<orchard::service_params> service{
        orchard::service_params{.socket = orchard::default_socket_path("orchard-hello-world")}};
    std::uint32_t workers = 0;

    static constexpr orchard::field_help help[] = {{"workers", "Petitions running at once at most (0: one per CPU)"}};
};

struct send_args {
    orchard::required<orchard::positional<std::string>> id{};
    int counter = 1;
    double sleep_time = 0;
    std::filesystem::path socket = orchard::default_socket_path("orchard-hello-world");
    orchard::secret<std::string> key{};
    std::optional<orchard::endpoint> connect{};

    static constexpr orchard::field_help help[] = {
        {"id", "Identifier of the petition"},
        {"counter", "How many greetings"},
        {"sleep_time", "Seconds between greetings"},
        {"socket", "Unix socket of the service"},
        {"key", "Shared key of the service (or --key-file FILE)"},
        {"connect", "Connect to HOST:PORT (or another socket) instead of --socket"},
    };
};

class hello_world {
public:
    static constexpr std::string_view name = "hello-world";
    static constexpr std::array<std::string_view, 1> aliases{"hw"};
    static constexpr std::string_view summary = "Hello World! from Orchard";
    static constexpr std::string_view version = "0.1.0";

    int serve(const serve_args& args) {
        orchard::server<hello_manager> server(*args.service, {.max_workers = args.workers});
        std::cerr << "serving on " << args.service->socket.string()
                  << (args.service->listen ? " and " + orchard::format_value(*args.service->listen) : std::string())
                  << std::endl;
        server.run();
        return 0;
    }

    // Login refused, a petition the service rejects, no service: the app maps each to its exit code.
    int send(const send_args& args) {
        orchard::service_client client(args.connect.value_or(orchard::endpoint::unix_socket(args.socket)), *args.key);
        const orchard::outcome o = client.send(
            {**args.id,
             {{"counter", std::to_string(args.counter)}, {"sleep_time", orchard::format_value(args.sleep_time)}}},
            orchard::print_line, {.cancel_on_interrupt = true});
        if (client.interrupted()) std::cerr << "Ctrl + C caught! Finishing..." << std::endl;
        if (o.state != orchard::petition_state::finished)
            std::cerr << to_string(o.state) << ": " << o.reason << std::endl;
        return orchard::petition_exit_code(o, client.interrupted());
    }

    static constexpr auto commands = std::tuple{
        orchard::app_command<&hello_world::serve>{"serve", "Starts the service in the foreground"},
        orchard::app_command<&hello_world::send>{"send", "Sends a petition to the service and prints its output"}};
};

int main(int argc, char** argv) {
    const orchard::app<hello_world> app({.name = "orchard", .version = "0.1.0", .env_prefix = "ORCHARD"});
    return app.run(argc, argv);
}
